using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

/// <summary>The matrix and the short lists of the home page.</summary>
public sealed partial class BrowseQueries
{
    /// <summary>All cells in one grouped query over pairs of tags of the same visible case.</summary>
    public async Task<Matrix> MatrixAsync(IReadOnlyList<TagChip> dimensions, bool signedIn, CancellationToken ct = default)
    {
        var drifts = dimensions.Where(t => t.Kind == TagKind.DriftType).ToList();
        var tensions = dimensions.Where(t => t.Kind == TagKind.Tension).ToList();
        var driftIds = drifts.Select(t => t.Id).ToList();
        var tensionIds = tensions.Select(t => t.Id).ToList();
        var visible = Visible(signedIn).Select(c => c.Id);

        var counts = await cache.GetOrComputeAsync($"matrix:{signedIn}", async () =>
        {
            var cells = await (
                    from d in db.Set<CaseTag>()
                    join t in db.Set<CaseTag>() on d.CaseId equals t.CaseId
                    where driftIds.Contains(d.TagId) && tensionIds.Contains(t.TagId) && visible.Contains(d.CaseId)
                    group d by new { Drift = d.TagId, Tension = t.TagId } into g
                    select new { g.Key.Drift, g.Key.Tension, Count = g.Count() })
                .ToListAsync(ct);
            return (IReadOnlyDictionary<(int Drift, int Tension), int>)cells.ToDictionary(c => (c.Drift, c.Tension), c => c.Count);
        });
        return new Matrix(drifts, tensions, counts);
    }

    public sealed record HomeLists(IReadOnlyList<CaseRow> Featured, IReadOnlyList<CaseRow> Latest, IReadOnlyList<CaseRow> Active);

    public Task<HomeLists> HomeListsAsync(bool signedIn, CancellationToken ct = default) =>
        cache.GetOrComputeAsync($"home:{signedIn}", () => ComputeHomeListsAsync(signedIn, ct));

    private async Task<HomeLists> ComputeHomeListsAsync(bool signedIn, CancellationToken ct)
    {
        var featured = await Project(Visible(signedIn).Where(c => c.FeaturedUtc != null)
            .OrderByDescending(c => c.FeaturedUtc).ThenByDescending(c => c.Id).Take(3)).ToListAsync(ct);
        var latest = await Project(Visible(signedIn)
            .OrderByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id).Take(5)).ToListAsync(ct);
        // Discussions with replies first, the most recently answered on top; then the other cases by their last
        // activity, so the list is never empty beside existing cases.
        var active = await Project(Visible(signedIn)
            .OrderByDescending(c => c.ReplyCount > 0 ? 1 : 0).ThenByDescending(c => c.LastActivityUtc)
            .ThenByDescending(c => c.ReplyCount).ThenByDescending(c => c.Id).Take(5)).ToListAsync(ct);

        var tagged = (await WithTagsAsync([.. featured, .. latest, .. active], ct)).ToLookup(r => r.Id);
        IReadOnlyList<CaseRow> Tagged(List<CaseRow> rows) => rows.Select(r => tagged[r.Id].First()).ToList();
        return new HomeLists(Tagged(featured), Tagged(latest), Tagged(active));
    }
}
