using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// Every read of the browsing pages: one SQL query per list (ordered and cut by key), plus one for the tags of the
/// rows shown. Rows are records, never entity graphs. Visibility follows <see cref="CaseQueries.VisibleTo"/>.
/// What every reader of a kind (anonymous or signed in) sees alike is kept in <see cref="CaseReadCache"/>: a member's
/// page, which the page cache never serves, then costs no query for its lists.
/// </summary>
public sealed partial class BrowseQueries(OnDemandDb data, TimeProvider clock, CaseReadCache cache)
{
    /// <summary>Built only when something is read from the database (a list served from the read cache needs none).</summary>
    private CommunityDbContext db => data.Context;

    public const int PageSize = 20;

    public IQueryable<Case> Visible(bool signedIn) =>
        db.Set<Case>().AsNoTracking().VisibleTo(signedIn, clock.GetUtcNow().UtcDateTime);

    /// <summary>The drift types and tensions in force, in taxonomy order.</summary>
    public Task<IReadOnlyList<TagChip>> DimensionsAsync(CancellationToken ct = default) =>
        cache.GetOrComputeAsync("dimensions", async () => (IReadOnlyList<TagChip>)await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null && (t.Kind == TagKind.DriftType || t.Kind == TagKind.Tension))
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Slug)
            .Select(t => new TagChip(t.Id, t.Kind, t.Slug, t.NameFr, t.NameEn))
            .ToListAsync(ct), visitorsView: true);   // the taxonomy: the same for everyone

    public Task<CaseListPage> ListAsync(CaseFilter filter, bool signedIn, CancellationToken ct = default) =>
        cache.GetOrComputeAsync(ListKey(filter, signedIn), () => ComputeListAsync(filter, signedIn, ct), visitorsView: !signedIn);

    private static string ListKey(CaseFilter f, bool signedIn) =>
        $"list:{signedIn}:{f.Sort}:{f.After?.Encode()}:{string.Join(',', f.TensionIds)}:{string.Join(',', f.DriftIds)}:{f.MatchAll}:{f.Size}:{f.Sector}:{f.NamedAuthorId}";

    /// <summary>
    /// How many cases the filter finds (for the heading of a matrix cell or a tag selection): the kept count for one
    /// tag or one cell, else counted.
    /// </summary>
    public async Task<int> CountAsync(CaseFilter filter, bool signedIn, CancellationToken ct = default) =>
        await KeptCountAsync(filter, signedIn, ct) ?? await cache.GetOrComputeAsync(
            "count:" + ListKey(filter with { After = null, Sort = CaseSort.Newest }, signedIn), () => Filtered(filter, signedIn).CountAsync(ct), visitorsView: !signedIn);

    private Task<CaseListPage> ComputeListAsync(CaseFilter filter, bool signedIn, CancellationToken ct) =>
        PageOfAsync(Filtered(filter, signedIn), filter, ct);

    /// <summary>The visible cases matching the filter's tags, size, sector and author (not yet ordered nor cut).</summary>
    public IQueryable<Case> Filtered(CaseFilter filter, bool signedIn)
    {
        var cases = Visible(signedIn);
        cases = WithTags(cases, filter.TensionIds, filter.MatchAll);
        cases = WithTags(cases, filter.DriftIds, filter.MatchAll);
        if (filter.Size is { } size) cases = cases.Where(c => c.SizeBand == size);
        if (filter.Sector is { } sector) cases = cases.Where(c => c.Sector == sector);
        if (filter.NamedAuthorId is { } authorId) cases = cases.Where(c => c.AuthorId == authorId && c.Pseudonym == null);
        return cases;
    }

    /// <summary>Any of the tags, or (<paramref name="all"/>) every one of them.</summary>
    private static IQueryable<Case> WithTags(IQueryable<Case> cases, IReadOnlyList<int> tagIds, bool all)
    {
        if (tagIds.Count == 0) return cases;
        if (!all) return cases.Where(c => c.Tags.Any(t => tagIds.Contains(t.TagId)));
        foreach (var id in tagIds) cases = cases.Where(c => c.Tags.Any(t => t.TagId == id));
        return cases;
    }

    /// <summary>One page of <paramref name="cases"/> in the filter's order from its cursor, with the rows' tags (two queries).</summary>
    public async Task<CaseListPage> PageOfAsync(IQueryable<Case> cases, CaseFilter filter, CancellationToken ct)
    {
        var rows = await Project(Order(cases, filter.Sort, filter.After).Take(PageSize + 1)).ToListAsync(ct);
        var next = rows.Count > PageSize ? CursorAfter(rows[PageSize - 1], filter.Sort) : null;
        return new CaseListPage(await WithTagsAsync(rows.Take(PageSize).ToList(), ct), next);
    }

    public static CaseCursor CursorAfter(CaseRow row, CaseSort sort) => sort switch
    {
        CaseSort.Active => CaseCursor.After(sort, row.LastActivityUtc, row.Id),
        CaseSort.Resonant => new CaseCursor(sort, row.ResonanceCount, row.Id),
        _ => CaseCursor.After(sort, row.PublishedUtc, row.Id),
    };

    /// <summary>Seek pagination: rows strictly after the cursor in (sort value desc, id desc) order.</summary>
    private static IQueryable<Case> Order(IQueryable<Case> cases, CaseSort sort, CaseCursor? after)
    {
        switch (sort)
        {
            case CaseSort.Active:
                if (after is not null)
                {
                    var at = after.ValueAsUtc;
                    cases = cases.Where(c => c.LastActivityUtc < at || (c.LastActivityUtc == at && c.Id < after.Id));
                }
                return cases.OrderByDescending(c => c.LastActivityUtc).ThenByDescending(c => c.Id);
            case CaseSort.Resonant:
                if (after is not null)
                {
                    var count = (int)Math.Clamp(after.Value, int.MinValue, int.MaxValue);
                    cases = cases.Where(c => c.ResonanceCount < count || (c.ResonanceCount == count && c.Id < after.Id));
                }
                return cases.OrderByDescending(c => c.ResonanceCount).ThenByDescending(c => c.Id);
            default:
                if (after is not null)
                {
                    DateTime? at = after.ValueAsUtc;
                    cases = cases.Where(c => c.PublishedUtc < at || (c.PublishedUtc == at && c.Id < after.Id));
                }
                return cases.OrderByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id);
        }
    }

    /// <summary>The author's display name is read only for cases published under it; a pseudonym stays alone.</summary>
    public IQueryable<CaseRow> Project(IQueryable<Case> cases) => cases
        .Select(c => new
        {
            c.Id, c.Slug, c.Title, c.Summary, c.Pseudonym,
            Member = c.Pseudonym == null
                ? db.Set<Member>().Where(m => m.Id == c.AuthorId).Select(m => m.DisplayName).FirstOrDefault()
                : null,
            Published = c.PublishedUtc ?? c.CreatedUtc,
            c.LastActivityUtc, c.ReplyCount, c.ResonanceCount, c.LatestFollowUpStatus, c.Language,
        })
        .Select(c => new CaseRow(c.Id, c.Slug, c.Title, c.Summary, Bylines.ForCase(new CaseAuthorship(null, c.Pseudonym), c.Member), c.Published, c.LastActivityUtc, c.ReplyCount, c.ResonanceCount, c.LatestFollowUpStatus)
        { Language = c.Language });

    /// <summary>The drift types and tensions of all the given rows, in one query.</summary>
    public async Task<IReadOnlyList<CaseRow>> WithTagsAsync(IReadOnlyList<CaseRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return rows;
        var ids = rows.Select(r => r.Id).Distinct().ToList();
        var tags = await db.Set<CaseTag>().AsNoTracking()
            .Where(ct => ids.Contains(ct.CaseId))
            .Join(db.Set<Tag>(), ct => ct.TagId, t => t.Id, (ct, t) => new { ct.CaseId, Tag = t })
            .Where(x => x.Tag.Kind == TagKind.DriftType || x.Tag.Kind == TagKind.Tension)
            .OrderBy(x => x.Tag.Kind).ThenBy(x => x.Tag.SortOrder)
            .Select(x => new { x.CaseId, Chip = new TagChip(x.Tag.Id, x.Tag.Kind, x.Tag.Slug, x.Tag.NameFr, x.Tag.NameEn) })
            .ToListAsync(ct);
        var byCase = tags.ToLookup(t => t.CaseId, t => t.Chip);
        return rows.Select(r => r with { Tags = byCase[r.Id].ToList() }).ToList();
    }
}
