using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PendingEdits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OpenQuestion = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    SizeBand = table.Column<int>(type: "INTEGER", nullable: true),
                    Sector = table.Column<int>(type: "INTEGER", nullable: true),
                    Stage = table.Column<int>(type: "INTEGER", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    OkrCyclesRun = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorRole = table.Column<int>(type: "INTEGER", nullable: true),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: true),
                    MembersOnlyUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TagIds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingEdits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingEdits_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PendingEdits_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PendingEdits_Replies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Replies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEdits_AuthorId_CreatedUtc",
                table: "PendingEdits",
                columns: new[] { "AuthorId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEdits_CaseId_AuthorId",
                table: "PendingEdits",
                columns: new[] { "CaseId", "AuthorId" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingEdits_CreatedUtc",
                table: "PendingEdits",
                column: "CreatedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_PendingEdits_ReplyId",
                table: "PendingEdits",
                column: "ReplyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingEdits");
        }
    }
}
