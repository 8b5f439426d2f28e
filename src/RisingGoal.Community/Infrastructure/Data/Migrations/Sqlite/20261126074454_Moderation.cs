using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Moderation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Flags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetKind = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Flags_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Flags_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModerationLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModeratorId = table.Column<string>(type: "TEXT", nullable: true),
                    ModeratorName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetKind = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: true),
                    SubjectMemberId = table.Column<string>(type: "TEXT", nullable: true),
                    PublicReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PrivateNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModerationLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Suspensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    ModeratorId = table.Column<string>(type: "TEXT", nullable: true),
                    StartsUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LiftedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Suspensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Suspensions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Suspensions_AspNetUsers_ModeratorId",
                        column: x => x.ModeratorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_CaseId",
                table: "Flags",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_MemberId",
                table: "Flags",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ResolvedUtc_CreatedUtc",
                table: "Flags",
                columns: new[] { "ResolvedUtc", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_TargetKind_TargetId_MemberId",
                table: "Flags",
                columns: new[] { "TargetKind", "TargetId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModerationLog_CaseId_ReplyId",
                table: "ModerationLog",
                columns: new[] { "CaseId", "ReplyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModerationLog_SubjectMemberId_Action",
                table: "ModerationLog",
                columns: new[] { "SubjectMemberId", "Action" });

            migrationBuilder.CreateIndex(
                name: "IX_Suspensions_MemberId_EndsUtc",
                table: "Suspensions",
                columns: new[] { "MemberId", "EndsUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Suspensions_ModeratorId",
                table: "Suspensions",
                column: "ModeratorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Flags");

            migrationBuilder.DropTable(
                name: "ModerationLog");

            migrationBuilder.DropTable(
                name: "Suspensions");
        }
    }
}
