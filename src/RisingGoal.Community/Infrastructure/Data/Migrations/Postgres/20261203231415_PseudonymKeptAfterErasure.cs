using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PseudonymKeptAfterErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No backfill: a post detached before this migration (AuthorId null) cannot be told to be the case's author's
            // rather than another erased member's; only erasures from now on keep the pseudonym (KeepsPseudonym).
            migrationBuilder.AddColumn<bool>(
                name: "KeepsPseudonym",
                table: "Replies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "KeepsPseudonym",
                table: "FollowUps",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "KeepsPseudonym",
                table: "CaseRevisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The few authors under a pseudonym, who alone may receive masked mail (PseudonymousRecipients.Candidates).
            migrationBuilder.CreateIndex(
                name: "IX_Cases_PseudonymousAuthors",
                table: "Cases",
                columns: new[] { "AuthorId", "Pseudonym" },
                filter: "\"Pseudonym\" IS NOT NULL AND \"AuthorId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_PseudonymousAuthors",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "KeepsPseudonym",
                table: "Replies");

            migrationBuilder.DropColumn(
                name: "KeepsPseudonym",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "KeepsPseudonym",
                table: "CaseRevisions");
        }
    }
}
