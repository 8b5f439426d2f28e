using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RisingGoal.Community.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// The FTS5 table made again contentless (SqliteSearchIndex.CreateSql): its rebuild no longer writes a copy of
    /// every text. Left empty: start-up (SearchIndexBootstrap) or <c>reindex</c> fills it.
    /// </summary>
    public partial class SearchContentless : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The SQL as it is today, not SqliteSearchIndex.CreateSql: a later change of shape gets its own migration.
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(title, summary, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '3', content = '', contentless_delete = 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(case_id UNINDEXED, reply_id UNINDEXED, title, summary, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '3')");
        }
    }
}
