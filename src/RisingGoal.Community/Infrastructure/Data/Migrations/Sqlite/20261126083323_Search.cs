using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite FTS5 table of Features/Search (also created idempotently at start-up by SearchIndexBootstrap).
            migrationBuilder.Sql(RisingGoal.Community.Features.Search.SqliteSearchIndex.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RisingGoal.Community.Features.Search.SqliteSearchIndex.DropSql);
        }
    }
}
