using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DigestDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DigestPreferences_Frequency_NextDigestDueUtc",
                table: "DigestPreferences");

            migrationBuilder.CreateIndex(
                name: "IX_DigestPreferences_NextDigestDueUtc_MemberId",
                table: "DigestPreferences",
                columns: new[] { "NextDigestDueUtc", "MemberId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DigestPreferences_NextDigestDueUtc_MemberId",
                table: "DigestPreferences");

            migrationBuilder.CreateIndex(
                name: "IX_DigestPreferences_Frequency_NextDigestDueUtc",
                table: "DigestPreferences",
                columns: new[] { "Frequency", "NextDigestDueUtc" });
        }
    }
}
