using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// What both indexes share: which rows are indexed (published ones only) and the plain text they hold. Entry keys are
/// derived from the ids (case: 2·id, reply: 2·id+1) so an entry is replaced in place. Providers only store and query.
/// </summary>
public abstract class SearchIndexBase(MarkdownRenderer renderer) : ISearchIndex
{
    public abstract Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct);

    public abstract Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct);

    /// <summary>The provider's full-text matches for the words (composable SQL), or null when nothing is searchable.</summary>
    protected abstract IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms);

    /// <summary>Snippet and marked title of the given entries only: costly, so made for the page shown, never per match.</summary>
    protected abstract Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct);

    protected abstract Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct);

    protected abstract Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct);

    protected abstract Task ClearAsync(CommunityDbContext db, CancellationToken ct);

    public async Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct)
    {
        if (Matches(db, request.Terms) is not { } matches) return new SearchResults(0, []);

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
            .Select(x => new { x.c.Id, x.c.Slug, x.c.Title, x.m.ReplyId, x.c.PublishedUtc })
            .ToListAsync(ct);
        if (page.Count == 0) return new SearchResults(total, []);

        long Key(int caseId, int? replyId) => replyId is { } r ? ReplyKey(r) : CaseKey(caseId);
        var marks = await MarksAsync(db, request.Terms, page.Select(p => Key(p.Id, p.ReplyId)).ToArray(), ct);
        var hits = page.Select(p => marks.TryGetValue(Key(p.Id, p.ReplyId), out var mark)
                ? new SearchHit(p.Id, p.Slug, p.Title, mark.TitleMarked, p.ReplyId, mark.Snippet, p.PublishedUtc)
                : new SearchHit(p.Id, p.Slug, p.Title, p.Title, p.ReplyId, "", p.PublishedUtc))
            .ToList();
        return new SearchResults(total, hits);
    }

    public async Task IndexCasesAsync(CommunityDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return;
        var ids = caseIds.Distinct().ToList();
        var rows = await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.Title, c.Summary, BodyMarkdown = c.Body.Markdown, c.Outcome, c.OpenQuestion })
            .ToListAsync(ct);
        await RemoveAsync(db, ids.Select(CaseKey).ToArray(), ct);
        foreach (var c in rows)
            await InsertAsync(db, CaseKey(c.Id), c.Id, null, Highlight.Clean(c.Title), Highlight.Clean(c.Summary),
                Highlight.Clean(string.Join("\n\n", [renderer.ToPlainText(c.BodyMarkdown), c.Outcome ?? "", c.OpenQuestion ?? ""])), ct);
    }

    public async Task IndexRepliesAsync(CommunityDbContext db, IReadOnlyCollection<int> replyIds, CancellationToken ct)
    {
        if (replyIds.Count == 0) return;
        var ids = replyIds.Distinct().ToList();
        var rows = await db.Set<Reply>().AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status == ReplyStatus.Published)
            .Select(r => new { r.Id, r.CaseId, r.BodyMarkdown })
            .ToListAsync(ct);
        await RemoveAsync(db, ids.Select(ReplyKey).ToArray(), ct);
        foreach (var r in rows)
            await InsertAsync(db, ReplyKey(r.Id), r.CaseId, r.Id, "", "", Highlight.Clean(renderer.ToPlainText(r.BodyMarkdown)), ct);
    }

    public async Task RebuildAsync(CommunityDbContext db, CancellationToken ct)
    {
        await ClearAsync(db, ct);
        var caseIds = await db.Set<Case>().Where(c => c.Status == CaseStatus.Published).Select(c => c.Id).ToListAsync(ct);
        foreach (var chunk in caseIds.Chunk(200)) await IndexCasesAsync(db, chunk, ct);
        var replyIds = await db.Set<Reply>().Where(r => r.Status == ReplyStatus.Published).Select(r => r.Id).ToListAsync(ct);
        foreach (var chunk in replyIds.Chunk(200)) await IndexRepliesAsync(db, chunk, ct);
    }

    protected static long CaseKey(int id) => 2L * id;
    protected static long ReplyKey(int id) => 2L * id + 1;

    /// <summary>One full-text match; <see cref="Rank"/> is smaller for better matches.</summary>
    protected sealed class SearchMatch
    {
        public int CaseId { get; init; }
        public int? ReplyId { get; init; }
        public double Rank { get; init; }
    }

    /// <summary>Highlights of one entry (markers <see cref="Highlight.Start"/>/<see cref="Highlight.End"/>).</summary>
    protected sealed class SearchMark
    {
        public long Key { get; init; }
        public string Snippet { get; init; } = "";
        public string TitleMarked { get; init; } = "";
    }
}
