using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CasePerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Replies_AuthorId",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AuthorId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_FeaturedUtc",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_Visibility_PublishedUtc_Id",
                table: "Cases");

            migrationBuilder.CreateTable(
                name: "CaseBodies",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    RendererVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseBodies", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseBodies_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Hand-written: move the bodies before their columns go (the Cases table is rebuilt without them).
            migrationBuilder.Sql(
                "INSERT INTO \"CaseBodies\" (\"CaseId\", \"BodyMarkdown\", \"BodyHtml\", \"RendererVersion\") " +
                "SELECT \"Id\", \"BodyMarkdown\", \"BodyHtml\", \"RendererVersion\" FROM \"Cases\";");

            migrationBuilder.DropColumn(
                name: "BodyHtml",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "BodyMarkdown",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RendererVersion",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_AuthorId_CreatedUtc_Id",
                table: "Replies",
                columns: new[] { "AuthorId", "CreatedUtc", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AuthorId_Status_PublishedUtc_Id",
                table: "Cases",
                columns: new[] { "AuthorId", "Status", "PublishedUtc", "Id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_FeaturedUtc_Id",
                table: "Cases",
                columns: new[] { "Status", "FeaturedUtc", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_PublishedUtc_Id",
                table: "Cases",
                columns: new[] { "Status", "PublishedUtc", "Id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Replies_AuthorId_CreatedUtc_Id",
                table: "Replies");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AuthorId_Status_PublishedUtc_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_FeaturedUtc_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_PublishedUtc_Id",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "BodyHtml",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "BodyMarkdown",
                table: "Cases",
                type: "TEXT",
                maxLength: 40000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RendererVersion",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.Sql(
                "UPDATE \"Cases\" SET \"BodyMarkdown\" = b.\"BodyMarkdown\", \"BodyHtml\" = b.\"BodyHtml\", \"RendererVersion\" = b.\"RendererVersion\" " +
                "FROM \"CaseBodies\" AS b WHERE b.\"CaseId\" = \"Cases\".\"Id\";");

            migrationBuilder.DropTable(
                name: "CaseBodies");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_AuthorId",
                table: "Replies",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AuthorId",
                table: "Cases",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_FeaturedUtc",
                table: "Cases",
                columns: new[] { "Status", "FeaturedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_Visibility_PublishedUtc_Id",
                table: "Cases",
                columns: new[] { "Status", "Visibility", "PublishedUtc", "Id" },
                descending: new[] { false, false, true, true });
        }
    }
}
