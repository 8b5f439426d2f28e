using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RendererVersionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Replies_RendererVersion",
                table: "Replies",
                column: "RendererVersion");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_RendererVersion",
                table: "FollowUps",
                column: "RendererVersion");

            migrationBuilder.CreateIndex(
                name: "IX_CaseBodies_RendererVersion",
                table: "CaseBodies",
                column: "RendererVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Replies_RendererVersion",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_RendererVersion",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_CaseBodies_RendererVersion",
                table: "CaseBodies");
        }
    }
}
