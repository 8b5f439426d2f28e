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
            // SQLite FTS5 table of Features/Search (also created idempotently at start-up by SearchIndexBootstrap; keep in step with SqliteSearchIndex.CreateSql).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(case_id UNINDEXED, reply_id UNINDEXED, title, summary, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex");
        }
    }
}
