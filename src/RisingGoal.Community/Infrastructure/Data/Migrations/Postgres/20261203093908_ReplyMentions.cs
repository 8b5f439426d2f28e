using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReplyMentions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReplyMentions",
                columns: table => new
                {
                    ReplyId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplyMentions", x => new { x.ReplyId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_ReplyMentions_AspNetUsers_MemberId",
                        column: x => x.MemberId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReplyMentions_Replies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "Replies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplyMentions_MemberId",
                table: "ReplyMentions",
                column: "MemberId");

            // Mentions written before they were recorded: the replies whose HTML links a profile are re-rendered by
            // StoredBodies (start-up or the rerender command), which records whom they mention, linking only members
            // who had joined when the reply was written.
            migrationBuilder.Sql("""UPDATE "Replies" SET "RendererVersion" = 0 WHERE "BodyHtml" LIKE '%/members/%'""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplyMentions");
        }
    }
}
