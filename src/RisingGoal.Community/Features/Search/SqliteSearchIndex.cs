using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// SQLite FTS5 index in the virtual table <c>SearchIndex</c>. Rowids are the entry keys. Accents are folded by the tokenizer; ranking is bm25 with the
/// title weighted 10, the summary 4 and the body 1.
/// </summary>
public sealed class SqliteSearchIndex : SearchIndexBase
{
    /// <summary>Also run by the "Search" migration; repeated here so it survives migrations being collapsed.</summary>
    public const string CreateSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(" +
        "case_id UNINDEXED, reply_id UNINDEXED, title, summary, body, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '3')";

    public const string DropSql = "DROP TABLE IF EXISTS SearchIndex";

    public override Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(CreateSql, ct);

    public override async Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM SearchIndex LIMIT 1").AnyAsync(ct);

    protected override IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms, int limit) =>
        // The expression goes in as a parameter. FTS5 walks the matches in rowid order and stops at the limit. No
        // auxiliary function: bm25 reads the whole doclist of every word for its frequency (0.25 s for a common word on
        // 200,000 entries, against 1 ms for the matches alone) and snippet() would run for every candidate. Only the
        // rowid is read: the UNINDEXED columns live in the content row next to the whole body.
        SearchQueryText.ToFts5(terms) is not { } fts ? null : db.Database.SqlQuery<SearchMatch>($"""
            SELECT rowid AS "Key", 0.0 AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH {fts}
            ORDER BY rowid DESC LIMIT {limit}
            """);

    protected override async Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct)
    {
        // Rowids are the keys: integers computed from ids, never user text. Plain rowid lookups, marked in C#
        // (Snippets): snippet() would need the MATCH again, re-merged for every row.
        var rowIds = string.Join(",", keys.Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning disable EF1002, EF1003 // the interpolated part is a list of integers
        var rows = await db.Database.SqlQueryRaw<StoredText>(
                $"SELECT rowid AS \"Key\", title AS Title, summary AS Summary, body AS Body FROM SearchIndex WHERE rowid IN ({rowIds})")
            .ToListAsync(ct);
#pragma warning restore EF1002, EF1003
        return rows.ToDictionary(r => r.Key, r => new SearchMark
        {
            Key = r.Key,
            Snippet = Snippets.Best(r.Summary.Length == 0 ? r.Body : r.Summary + "\n" + r.Body, terms),
            TitleMarked = Snippets.All(r.Title, terms),
        });
    }

    private sealed class StoredText
    {
        public long Key { get; init; }
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Body { get; init; } = "";
    }

    protected override async Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct)
    {
        foreach (var key in keys)
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchIndex WHERE rowid = {key}", ct);
    }

    protected override Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO SearchIndex (rowid, case_id, reply_id, title, summary, body) VALUES ({key}, {caseId}, {replyId}, {title}, {summary}, {body})", ct);

    protected override string InsertSql =>
        "INSERT INTO SearchIndex (rowid, case_id, reply_id, title, summary, body) VALUES (@key, @caseId, @replyId, @title, @summary, @body)";

    /// <summary>
    /// For the rebuild only: FTS5 keeps 64 MB of new postings in memory before it writes them as a segment (1 MB by
    /// default: a segment per few hundred replies, each merged again and again into bigger ones), and the connection
    /// caches 128 MB of pages (2 MB by default) for those merges. Both back to the defaults afterwards.
    /// </summary>
    protected override async Task<IAsyncDisposable?> BeginBulkLoadAsync(CommunityDbContext db, CancellationToken ct)
    {
        var cacheSize = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync(BulkLoadSql, ct);
        // An integer read from SQLite itself, not input.
        var restore = DefaultsSql + cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Undo(() => db.Database.ExecuteSqlRawAsync(restore));
    }

    private const string BulkLoadSql = "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('hashsize', 67108864); PRAGMA cache_size = -131072";
    private const string DefaultsSql = "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('hashsize', 1048576); PRAGMA cache_size = ";

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

    /// <summary>
    /// Dropped and made again, not emptied: FTS5 deletes a row by reading its text back and tokenising it to find its
    /// index entries, so "DELETE FROM" cost as much as the rebuild itself (about 280 s on the full bench set).
    /// </summary>
    protected override async Task ClearAsync(CommunityDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(DropSql, ct);
        await db.Database.ExecuteSqlRawAsync(CreateSql, ct);
    }
}
