using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// SQLite FTS5 index in the virtual table <c>SearchIndex</c>. Rowids are derived from the ids (case: 2·id,
/// reply: 2·id+1) so an entry is replaced in place. Accents are folded by the tokenizer; ranking is bm25 with the
/// title weighted 10, the summary 4 and the body 1.
/// </summary>
public sealed class SqliteSearchIndex(MarkdownRenderer renderer) : ISearchIndex
{
    /// <summary>Also run by the "Search" migration; repeated here so it survives migrations being collapsed.</summary>
    public const string CreateSql =
        "CREATE VIRTUAL TABLE IF NOT EXISTS SearchIndex USING fts5(" +
        "case_id UNINDEXED, reply_id UNINDEXED, title, summary, body, " +
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '3')";

    public const string DropSql = "DROP TABLE IF EXISTS SearchIndex";

    public Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(CreateSql, ct);

    public async Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM SearchIndex LIMIT 1").AnyAsync(ct);

    public async Task IndexCasesAsync(CommunityDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return;
        var ids = caseIds.Distinct().ToList();
        var rows = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.Title, c.Summary, BodyMarkdown = c.Body.Markdown, c.Outcome, c.OpenQuestion })
            .ToListAsync(ct);
        foreach (var id in ids)
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchIndex WHERE rowid = {CaseRowId(id)}", ct);
        foreach (var c in rows)
            await InsertAsync(db, CaseRowId(c.Id), c.Id, null, c.Title, c.Summary,
                string.Join("\n\n", [renderer.ToPlainText(c.BodyMarkdown), c.Outcome ?? "", c.OpenQuestion ?? ""]), ct);
    }

    public async Task IndexRepliesAsync(CommunityDbContext db, IReadOnlyCollection<int> replyIds, CancellationToken ct)
    {
        if (replyIds.Count == 0) return;
        var ids = replyIds.Distinct().ToList();
        var rows = await db.Set<Reply>().AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status == ReplyStatus.Published)
            .Select(r => new { r.Id, r.CaseId, r.BodyMarkdown })
            .ToListAsync(ct);
        foreach (var id in ids)
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchIndex WHERE rowid = {ReplyRowId(id)}", ct);
        foreach (var r in rows)
            await InsertAsync(db, ReplyRowId(r.Id), r.CaseId, r.Id, "", "", renderer.ToPlainText(r.BodyMarkdown), ct);
    }

    public async Task RebuildAsync(CommunityDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("DELETE FROM SearchIndex", ct);
        var caseIds = await db.Set<Case>().Where(c => c.Status == CaseStatus.Published).Select(c => c.Id).ToListAsync(ct);
        foreach (var chunk in caseIds.Chunk(200)) await IndexCasesAsync(db, chunk, ct);
        var replyIds = await db.Set<Reply>().Where(r => r.Status == ReplyStatus.Published).Select(r => r.Id).ToListAsync(ct);
        foreach (var chunk in replyIds.Chunk(200)) await IndexRepliesAsync(db, chunk, ct);
    }

    public async Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct)
    {
        // The FTS part: the expression goes in as a parameter; bm25 weights follow the column order. No snippet here:
        // auxiliary functions in this subquery would run for every match of a common word, not just the page shown.
        var matches = db.Database.SqlQuery<FtsRow>($"""
            SELECT rowid AS RowId, CAST(case_id AS INTEGER) AS CaseId, CAST(reply_id AS INTEGER) AS ReplyId,
                   bm25(SearchIndex, 0.0, 0.0, 10.0, 4.0, 1.0) AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH {request.Fts}
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
                $"FROM SearchIndex WHERE SearchIndex MATCH {{0}} AND rowid IN ({rowIds})", request.Fts)
            .ToListAsync(ct);
#pragma warning restore EF1003
        var byRow = marks.ToDictionary(m => m.RowId);
        var hits = page.Select(p => byRow.TryGetValue(p.RowId, out var mark)
                ? new SearchHit(p.Id, p.Slug, p.Title, mark.TitleMarked, p.ReplyId, mark.Snippet, p.PublishedUtc)
                : new SearchHit(p.Id, p.Slug, p.Title, p.Title, p.ReplyId, "", p.PublishedUtc))
            .ToList();
        return new SearchResults(total, hits);
    }

    private static Task InsertAsync(CommunityDbContext db, long rowId, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO SearchIndex (rowid, case_id, reply_id, title, summary, body) VALUES ({rowId}, {caseId}, {replyId}, {Highlight.Clean(title)}, {Highlight.Clean(summary)}, {Highlight.Clean(body)})",
            ct);

    private static long CaseRowId(int id) => 2L * id;
    private static long ReplyRowId(int id) => 2L * id + 1;

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
