using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// SQLite FTS5 index in the virtual table <c>SearchIndex</c>. Rowids are the entry keys. Accents are folded by the tokenizer; ranking is bm25 with the
/// title weighted 10, the summary 4 and the body 1.
/// </summary>
public sealed class SqliteSearchIndex(MarkdownRenderer renderer) : SearchIndexBase(renderer)
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

    public override async Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct)
    {
        if (SearchQueryText.ToFts5(request.Terms) is not { } fts) return new SearchResults(0, []);
        // The FTS part: the expression goes in as a parameter; bm25 weights follow the column order. No snippet here:
        // auxiliary functions in this subquery would run for every match of a common word, not just the page shown.
        var matches = db.Database.SqlQuery<FtsRow>($"""
            SELECT rowid AS RowId, CAST(case_id AS INTEGER) AS CaseId, CAST(reply_id AS INTEGER) AS ReplyId,
                   bm25(SearchIndex, 0.0, 0.0, 10.0, 4.0, 1.0) AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH {fts}
            """);

        // The live tables decide what may be seen now: pending, hidden, deleted content never comes back.
        var cases = db.Set<Case>().VisibleTo(request.SignedIn, request.NowUtc);
        if (request.TensionId is { } tension) cases = cases.WithTag(tension);
        if (request.DriftId is { } drift) cases = cases.WithTag(drift);
        var visible =
            from m in matches
            join c in cases on m.CaseId equals c.Id
            where m.ReplyId == null || db.Set<Reply>().Any(r => r.Id == m.ReplyId && r.Status == ReplyStatus.Published)
            select new { m, c };

        var total = await visible.CountAsync(ct);
        var page = await visible
            .OrderBy(x => x.m.Rank).ThenByDescending(x => x.c.PublishedUtc).ThenBy(x => x.m.ReplyId)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(x => new { x.m.RowId, x.c.Id, x.c.Slug, x.c.Title, x.m.ReplyId, x.c.PublishedUtc })
            .ToListAsync(ct);
        if (page.Count == 0) return new SearchResults(total, []);

        // Snippets and the marked title for the rows shown only (rowids are integers read above, never user text).
        var rowIds = string.Join(",", page.Select(p => p.RowId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning disable EF1003 // the concatenated part is a list of integers read from the index itself
        var marks = await db.Database.SqlQueryRaw<MarkRow>(
                "SELECT rowid AS RowId, snippet(SearchIndex, -1, char(2), char(3), '…', 24) AS Snippet, " +
                "highlight(SearchIndex, 2, char(2), char(3)) AS TitleMarked " +
                $"FROM SearchIndex WHERE SearchIndex MATCH {{0}} AND rowid IN ({rowIds})", fts)
            .ToListAsync(ct);
#pragma warning restore EF1003
        var byRow = marks.ToDictionary(m => m.RowId);
        var hits = page.Select(p => byRow.TryGetValue(p.RowId, out var mark)
                ? new SearchHit(p.Id, p.Slug, p.Title, mark.TitleMarked, p.ReplyId, mark.Snippet, p.PublishedUtc)
                : new SearchHit(p.Id, p.Slug, p.Title, p.Title, p.ReplyId, "", p.PublishedUtc))
            .ToList();
        return new SearchResults(total, hits);
    }

    protected override async Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct)
    {
        foreach (var key in keys)
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchIndex WHERE rowid = {key}", ct);
    }

    protected override Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO SearchIndex (rowid, case_id, reply_id, title, summary, body) VALUES ({key}, {caseId}, {replyId}, {title}, {summary}, {body})", ct);

    protected override Task ClearAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("DELETE FROM SearchIndex", ct);

    private sealed class FtsRow
    {
        public long RowId { get; init; }
        public int CaseId { get; init; }
        public int? ReplyId { get; init; }
        public double Rank { get; init; }
    }

    private sealed class MarkRow
    {
        public long RowId { get; init; }
        public string Snippet { get; init; } = "";
        public string TitleMarked { get; init; } = "";
    }
}
