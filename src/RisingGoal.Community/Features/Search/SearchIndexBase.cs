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

    /// <summary>
    /// The provider's full-text matches for the words (composable SQL), or null when nothing is searchable: at most
    /// <paramref name="limit"/> of them, the newest first (highest keys), so that a word found in half the corpus costs
    /// a bounded amount of ranking rather than a score per match.
    /// </summary>
    protected abstract IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms, int limit);

    /// <summary>Snippet and marked title of the given entries only: costly, so made for the page shown, never per match.</summary>
    protected abstract Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct);

    protected abstract Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct);

    protected abstract Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct);

    protected abstract Task ClearAsync(CommunityDbContext db, CancellationToken ct);

    public async Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct)
    {
        // The full-text query runs once: it is the costly part for a common word. One more than the cap tells
        // "capped" apart from "exactly the cap".
        if (Matches(db, request.Terms, request.MaxCandidates + 1) is not { } query) return new SearchResults(0, []);
        var matches = await query.ToListAsync(ct);
        var capped = matches.Count > request.MaxCandidates;
        if (capped) matches = matches.Take(request.MaxCandidates).ToList();
        if (matches.Count == 0) return new SearchResults(0, []);

        // The live tables decide what may be seen now: pending, hidden, deleted content never comes back.
        var replyIds = matches.Where(m => m.Key % 2 == 1).Select(m => (int)(m.Key / 2)).ToList();
        var replyCases = replyIds.Count == 0 ? [] : await db.Set<Reply>().AsNoTracking()
            .Where(r => replyIds.Contains(r.Id) && r.Status == ReplyStatus.Published)
            .Select(r => new { r.Id, r.CaseId })
            .ToDictionaryAsync(r => r.Id, r => r.CaseId, ct);
        var hitsByKey = matches
            .Select(m => m.Key % 2 == 0
                ? (m.Rank, CaseId: (int)(m.Key / 2), ReplyId: (int?)null)
                : (m.Rank, CaseId: replyCases.GetValueOrDefault((int)(m.Key / 2)), ReplyId: (int?)(int)(m.Key / 2)))
            .Where(m => m.CaseId != 0)
            .ToList();
        var caseIds = hitsByKey.Select(m => m.CaseId).Distinct().ToList();
        var cases = db.Set<Case>().AsNoTracking().VisibleTo(request.SignedIn, request.NowUtc).Where(c => caseIds.Contains(c.Id));
        if (request.TensionId is { } tension) cases = cases.WithTag(tension);
        if (request.DriftId is { } drift) cases = cases.WithTag(drift);
        var context = request.Context;
        if (context.Size is { } size) cases = cases.Where(c => c.SizeBand == size);
        if (context.Sector is { } sector) cases = cases.Where(c => c.Sector == sector);
        if (context.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (context.Role is { } role) cases = cases.Where(c => c.AuthorRole == role);
        if (context.FromUtc is { } from) cases = cases.Where(c => c.PublishedUtc >= from);
        if (context.ToUtc is { } to) cases = cases.Where(c => c.PublishedUtc < to);
        var visibleCases = await cases.Select(c => new { c.Id, c.Slug, c.Title, c.PublishedUtc }).ToDictionaryAsync(c => c.Id, ct);

        var visible = hitsByKey.Where(m => visibleCases.ContainsKey(m.CaseId))
            .Select(m => (m.Rank, m.ReplyId, Case: visibleCases[m.CaseId]))
            .OrderBy(x => x.Rank).ThenByDescending(x => x.Case.PublishedUtc).ThenBy(x => x.ReplyId ?? -1)
            .ToList();
        var page = visible.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        if (page.Count == 0) return new SearchResults(visible.Count, []) { Capped = capped };

        long Key(int caseId, int? replyId) => replyId is { } r ? ReplyKey(r) : CaseKey(caseId);
        var marks = await MarksAsync(db, request.Terms, page.Select(p => Key(p.Case.Id, p.ReplyId)).ToArray(), ct);
        var hits = page.Select(p => marks.TryGetValue(Key(p.Case.Id, p.ReplyId), out var mark)
                ? new SearchHit(p.Case.Id, p.Case.Slug, p.Case.Title, mark.TitleMarked, p.ReplyId, mark.Snippet, p.Case.PublishedUtc)
                : new SearchHit(p.Case.Id, p.Case.Slug, p.Case.Title, p.Case.Title, p.ReplyId, "", p.Case.PublishedUtc))
            .ToList();
        return new SearchResults(visible.Count, hits) { Capped = capped };
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

    /// <summary>One full-text match by entry key (case or reply, see <see cref="CaseKey"/>); <see cref="Rank"/> is smaller for better matches.</summary>
    protected sealed class SearchMatch
    {
        public long Key { get; init; }
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
