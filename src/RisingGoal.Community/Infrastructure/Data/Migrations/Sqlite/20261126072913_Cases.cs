using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    RendererVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    Pseudonym = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SizeBand = table.Column<int>(type: "INTEGER", nullable: false),
                    Sector = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    OkrCyclesRun = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorRole = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OpenQuestion = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    MembersOnlyUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastActivityUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplyCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResonanceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FeaturedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LatestFollowUpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Bookmarks",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookmarks", x => new { x.CaseId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_Bookmarks_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bookmarks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseFollows",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseFollows", x => new { x.CaseId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_CaseFollows_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseFollows_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditorId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OpenQuestion = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseRevisions_AspNetUsers_EditorId",
                        column: x => x.EditorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CaseRevisions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseSlugs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    RetiredUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSlugs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSlugs_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseTags",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    TagId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTags", x => new { x.CaseId, x.TagId });
                    table.ForeignKey(
                        name: "FK_CaseTags_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseTags_Tags_TagId",
                        column: x => x.TagId,
                        principalTable: "Tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    RendererVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FollowUps_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Replies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", nullable: true),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    RendererVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Replies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Replies_AspNetUsers_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Replies_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resonances",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resonances", x => new { x.CaseId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_Resonances_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Resonances_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReplyRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReplyId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditorId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplyRevisions_AspNetUsers_EditorId",
                        column: x => x.EditorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReplyRevisions_Replies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Replies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookmarks_MemberId_CreatedUtc",
                table: "Bookmarks",
                columns: new[] { "MemberId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseFollows_MemberId",
                table: "CaseFollows",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseRevisions_CaseId_CreatedUtc_Id",
                table: "CaseRevisions",
                columns: new[] { "CaseId", "CreatedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseRevisions_EditorId",
                table: "CaseRevisions",
                column: "EditorId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AuthorId",
                table: "Cases",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_FeaturedUtc",
                table: "Cases",
                columns: new[] { "Status", "FeaturedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_LastActivityUtc_Id",
                table: "Cases",
                columns: new[] { "Status", "LastActivityUtc", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_ResonanceCount_Id",
                table: "Cases",
                columns: new[] { "Status", "ResonanceCount", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_Visibility_PublishedUtc_Id",
                table: "Cases",
                columns: new[] { "Status", "Visibility", "PublishedUtc", "Id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSlugs_CaseId_Slug",
                table: "CaseSlugs",
                columns: new[] { "CaseId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseTags_TagId_CaseId",
                table: "CaseTags",
                columns: new[] { "TagId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_AuthorId",
                table: "FollowUps",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CaseId_CreatedUtc",
                table: "FollowUps",
                columns: new[] { "CaseId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Replies_AuthorId",
                table: "Replies",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Replies_CaseId_CreatedUtc_Id",
                table: "Replies",
                columns: new[] { "CaseId", "CreatedUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyRevisions_EditorId",
                table: "ReplyRevisions",
                column: "EditorId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplyRevisions_ReplyId_CreatedUtc",
                table: "ReplyRevisions",
                columns: new[] { "ReplyId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Resonances_MemberId",
                table: "Resonances",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Bookmarks");

            migrationBuilder.DropTable(
                name: "CaseFollows");

            migrationBuilder.DropTable(
                name: "CaseRevisions");

            migrationBuilder.DropTable(
                name: "CaseSlugs");

            migrationBuilder.DropTable(
                name: "CaseTags");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropTable(
                name: "ReplyRevisions");

            migrationBuilder.DropTable(
                name: "Resonances");

            migrationBuilder.DropTable(
                name: "Replies");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
