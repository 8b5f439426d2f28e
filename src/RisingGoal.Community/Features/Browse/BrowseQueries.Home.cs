using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Browse.Counts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

/// <summary>The matrix and the short lists of the home page.</summary>
public sealed partial class BrowseQueries
{
    /// <summary>
    /// The cells and the per-tag totals from the kept counts (<see cref="CaseCount"/>, a few rows per tag): a visitor
    /// adds up the rows already open to visitors, a member all of them. No case is counted here.
    /// </summary>
    public async Task<Matrix> MatrixAsync(IReadOnlyList<TagChip> dimensions, bool signedIn, CancellationToken ct = default)
    {
        var drifts = dimensions.Where(t => t.Kind == TagKind.DriftType).ToList();
        var tensions = dimensions.Where(t => t.Kind == TagKind.Tension).ToList();
        var (cells, totals) = await KeptCountsAsync(signedIn, ct);
        return new Matrix(drifts, tensions, cells, totals);
    }

    private Task<(IReadOnlyDictionary<(int Drift, int Tension), int> Cells, IReadOnlyDictionary<int, int> Totals)> KeptCountsAsync(bool signedIn, CancellationToken ct) =>
        cache.GetOrComputeAsync($"matrix:{signedIn}", () => ReadKeptCountsAsync(signedIn, ct), visitorsView: !signedIn);

    private async Task<(IReadOnlyDictionary<(int Drift, int Tension), int> Cells, IReadOnlyDictionary<int, int> Totals)> ReadKeptCountsAsync(bool signedIn, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<CaseCount>().AsNoTracking()
            .Where(c => signedIn || c.OpensUtc <= now)
            .GroupBy(c => new { c.TagId, c.PairTagId })
            .Select(g => new { g.Key.TagId, g.Key.PairTagId, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);
        IReadOnlyDictionary<(int Drift, int Tension), int> cells = rows.Where(r => r.PairTagId != 0 && r.Count > 0)
            .ToDictionary(r => (r.TagId, r.PairTagId), r => r.Count);
        IReadOnlyDictionary<int, int> totals = rows.Where(r => r.PairTagId == 0 && r.Count > 0).ToDictionary(r => r.TagId, r => r.Count);
        return (cells, totals);
    }

    /// <summary>
    /// The kept count for a filter that is one tag, or one drift type and one tension (a matrix cell), and nothing
    /// else; null for any other filter.
    /// </summary>
    private async Task<int?> KeptCountAsync(CaseFilter f, bool signedIn, CancellationToken ct)
    {
        if (f.Size is not null || f.Sector is not null || f.NamedAuthorId is not null || f.DriftIds.Count > 1 || f.TensionIds.Count > 1
            || f.DriftIds.Count + f.TensionIds.Count == 0) return null;
        var (cells, totals) = await KeptCountsAsync(signedIn, ct);
        return (f.DriftIds.Count, f.TensionIds.Count) switch
        {
            (1, 1) => cells.GetValueOrDefault((f.DriftIds[0], f.TensionIds[0])),
            (1, 0) => totals.GetValueOrDefault(f.DriftIds[0]),
            _ => totals.GetValueOrDefault(f.TensionIds[0]),
        };
    }

    public sealed record HomeLists(IReadOnlyList<CaseRow> Featured, IReadOnlyList<CaseRow> Latest, IReadOnlyList<CaseRow> Active);

    public Task<HomeLists> HomeListsAsync(bool signedIn, CancellationToken ct = default) =>
        cache.GetOrComputeAsync($"home:{signedIn}", () => ComputeHomeListsAsync(signedIn, ct), visitorsView: !signedIn);

    private async Task<HomeLists> ComputeHomeListsAsync(bool signedIn, CancellationToken ct)
    {
        var featured = await Project(Visible(signedIn).Where(c => c.FeaturedUtc != null)
            .OrderByDescending(c => c.FeaturedUtc).ThenByDescending(c => c.Id).Take(3)).ToListAsync(ct);
        var latest = await Project(Visible(signedIn)
            .OrderByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id).Take(5)).ToListAsync(ct);
        // Discussions, as Discourse's "Hot" beside "Latest": cases with replies, the most recently answered on top, and
        // none the lists above already show. With few cases it is empty and the home leaves it out, rather than say
        // "Latest" a second time (people16); at full size it brings up the older cases still being discussed.
        var shown = featured.Concat(latest).Select(c => c.Id).ToList();
        var active = await Project(Visible(signedIn).Where(c => c.ReplyCount > 0 && !shown.Contains(c.Id))
            .OrderByDescending(c => c.LastActivityUtc).ThenByDescending(c => c.ReplyCount).ThenByDescending(c => c.Id).Take(5)).ToListAsync(ct);

        var tagged = (await WithTagsAsync([.. featured, .. latest, .. active], ct)).ToLookup(r => r.Id);
        IReadOnlyList<CaseRow> Tagged(List<CaseRow> rows) => rows.Select(r => tagged[r.Id].First()).ToList();
        return new HomeLists(Tagged(featured), Tagged(latest), Tagged(active));
    }
}
