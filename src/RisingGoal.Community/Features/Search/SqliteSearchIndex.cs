using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// SQLite FTS5 index in the virtual table <c>SearchIndex</c>. Rowids are the entry keys. Accents are folded by the
/// tokenizer; ranking is made from the live rows, the same on both providers (<see cref="SearchIndexBase.SearchAsync"/>).
/// </summary>
public sealed class SqliteSearchIndex : SearchIndexBase
{
    /// <summary>
    /// Also run by the "SearchContentless" migration; repeated here so it survives migrations being collapsed.
    /// Contentless (<c>content=''</c>): the index keeps no copy of the text (2.6 of the 3.7 GB it took on the full bench
    /// set), snippets are made from the live rows (<see cref="MarksAsync"/>); <c>contentless_delete=1</c> so an entry can
    /// still be deleted by rowid (SQLite 3.43). Positions are kept (<c>detail=full</c>, the default): <c>detail=none</c>
    /// built the full bench set's index with 40 % less CPU but made the app's queries 4 to 10 times slower (a common
    /// word: 25 → 300 ms) and refuses the phrase a word becomes when the tokenizer cuts it (U+19B0).
    /// Ranking is made in C# from the live titles, so the columns are only kept apart for readability.
    /// </summary>
    public const string CreateSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(title, summary, body, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '3', content = '', contentless_delete = 1)";

    public const string DropSql = "DROP TABLE IF EXISTS SearchIndex";

    public override Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(CreateSql, ct);

    public override async Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM SearchIndex LIMIT 1").AnyAsync(ct);

    protected override IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms) =>
        // The expression goes in as a parameter. With the window's ORDER BY rowid DESC LIMIT around it, FTS5 walks the
        // matches in rowid order and stops once the window is full. No auxiliary function: bm25 reads the whole doclist
        // of every word for its frequency (0.25 s for a common word on 200,000 entries, against 1 ms for the matches
        // alone) and snippet() would run for every candidate. Only the rowid is read: the index holds nothing else.
        SearchQueryText.ToFts5(terms) is not { } fts ? null : db.Database.SqlQuery<SearchMatch>($"""
            SELECT rowid AS "Key", 0.0 AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH {fts}
            """);

    /// <summary>Whole words first (see <see cref="SearchQueryText.ToFts5WholeWords"/>): PostgreSQL's GIN index reads
    /// every match of a prefix either way, so only SQLite has them.</summary>
    protected override IQueryable<SearchMatch>? WholeWordMatches(CommunityDbContext db, IReadOnlyList<string> terms) =>
        SearchQueryText.ToFts5WholeWords(terms) is not { } fts ? null : db.Database.SqlQuery<SearchMatch>($"""
            SELECT rowid AS "Key", 0.0 AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH {fts}
            """);

    protected override async Task<List<long>> PresentAsync(CommunityDbContext db, long[] keys, CancellationToken ct)
    {
        var present = new List<long>();
        foreach (var key in keys)
            present.AddRange(await db.Database.SqlQuery<long>($"SELECT rowid AS Value FROM SearchIndex WHERE rowid = {key}").ToListAsync(ct));
        return present;
    }

    /// <summary>
    /// The index has no copy of the text: the entries shown are made again from the live rows, the way they were indexed
    /// (<see cref="SearchIndexBase.LiveEntriesAsync"/>), and marked in C# (<see cref="Snippets"/>).
    /// </summary>
    protected override async Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct) =>
        (await LiveEntriesAsync(db, keys, ct)).ToDictionary(e => e.Key, e => new SearchMark
        {
            Key = e.Key,
            Snippet = Snippets.Best(e.Summary.Length == 0 ? e.Body : e.Summary + "\n" + e.Body, terms),
            TitleMarked = Snippets.All(e.Title, terms),
        });

    protected override async Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct)
    {
        foreach (var key in keys)
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchIndex WHERE rowid = {key}", ct);
    }

    protected override Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO SearchIndex (rowid, title, summary, body) VALUES ({key}, {title}, {summary}, {body})", ct);

    protected override string InsertSql =>
        "INSERT INTO SearchIndex (rowid, title, summary, body) VALUES (@key, @title, @summary, @body)";

    /// <summary>
    /// For the rebuild only: FTS5 keeps 64 MB of new postings in memory before it writes them as a segment (1 MB by
    /// default: a segment per few hundred replies, each merged again and again into bigger ones), merges segments 16 at
    /// a time instead of 4 (each posting is rewritten at fewer levels), and the connection caches 128 MB of pages
    /// (2 MB by default) for those merges. All back to the defaults afterwards.
    /// </summary>
    protected override async Task<IAsyncDisposable?> BeginBulkLoadAsync(CommunityDbContext db, CancellationToken ct)
    {
        var cacheSize = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS Value FROM pragma_cache_size").SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync(BulkLoadSql, ct);
        // An integer read from SQLite itself, not input.
        var restore = DefaultsSql + cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Undo(() => db.Database.ExecuteSqlRawAsync(restore));
    }

    private const string BulkLoadSql = "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('hashsize', 67108864); " +
        "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('automerge', 16); PRAGMA cache_size = -131072";
    private const string DefaultsSql = "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('hashsize', 1048576); " +
        "INSERT INTO SearchIndex(SearchIndex, rank) VALUES('automerge', 4); PRAGMA cache_size = ";

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
