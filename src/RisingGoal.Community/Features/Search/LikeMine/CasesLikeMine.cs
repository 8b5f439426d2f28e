using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search.LikeMine;

/// <summary>What a practitioner says of their own situation: every part optional.</summary>
public sealed record MySituation(SizeBand? Size, Sector? Sector, Stage? Stage, AuthorRole? Role, IReadOnlyList<int> TensionIds, IReadOnlyList<int> DriftIds)
{
    public bool IsEmpty => Size is null && Sector is null && Stage is null && Role is null && TensionIds.Count == 0 && DriftIds.Count == 0;

    /// <summary>The same situation always gives the same key, whatever the order the tags came in.</summary>
    public string Key => $"{(int?)Size}|{(int?)Sector}|{(int?)Stage}|{(int?)Role}|{string.Join(',', TensionIds.Order())}|{string.Join(',', DriftIds.Order())}";
}

/// <summary>A case close to the situation, with what makes it close (the page says why it is listed).</summary>
public sealed record CaseLikeMine(int Id, string Slug, string Title, string Summary, DateTime? PublishedUtc, int Score,
    bool SameSector, bool SameSize, bool NearSize, bool SameStage, bool SameRole, IReadOnlyList<int> SharedTagIds);

/// <summary>
/// "Cases like mine": the visible cases whose context and tags are closest to a practitioner's situation. A shared
/// tension weighs most (it is the situation itself), then a shared drift type and the sector, then the size (an
/// adjacent size band counts half) and the stage, then the author's role. One ranked query, then one for the shared
/// tags of the few cases kept; kept in <see cref="CaseReadCache"/> like every list (any write moves its generation).
/// </summary>
public sealed class CasesLikeMine(CommunityDbContext db, TimeProvider clock, CaseReadCache cache)
{
    public const int Max = 10;

    public Task<IReadOnlyList<CaseLikeMine>> FindAsync(MySituation me, bool signedIn, CancellationToken ct) =>
        me.IsEmpty ? Task.FromResult<IReadOnlyList<CaseLikeMine>>([])
            : cache.GetOrComputeAsync($"like-mine:{signedIn}:{me.Key}", async () => (IReadOnlyList<CaseLikeMine>)await ComputeAsync(me, signedIn, ct), visitorsView: !signedIn);

    private async Task<List<CaseLikeMine>> ComputeAsync(MySituation me, bool signedIn, CancellationToken ct)
    {
        var size = (int?)me.Size;
        var tensionIds = me.TensionIds.ToList();
        var driftIds = me.DriftIds.ToList();
        var ranked = await db.Set<Case>().AsNoTracking()
            .VisibleTo(signedIn, clock.GetUtcNow().UtcDateTime)
            .Select(c => new
            {
                c.Id, c.Slug, c.Title, c.Summary, c.PublishedUtc,
                SameSector = me.Sector != null && c.Sector == me.Sector,
                SameSize = size != null && (int)c.SizeBand == size,
                NearSize = size != null && ((int)c.SizeBand == size + 1 || (int)c.SizeBand == size - 1),
                SameStage = me.Stage != null && c.Stage == me.Stage,
                SameRole = me.Role != null && c.AuthorRole == me.Role,
                Tensions = c.Tags.Count(t => tensionIds.Contains(t.TagId)),
                Drifts = c.Tags.Count(t => driftIds.Contains(t.TagId)),
            })
            .Select(x => new
            {
                x.Id, x.Slug, x.Title, x.Summary, x.PublishedUtc, x.SameSector, x.SameSize, x.NearSize, x.SameStage, x.SameRole,
                Score = x.Tensions * 4 + x.Drifts * 3 + (x.SameSector ? 3 : 0) + (x.SameSize ? 2 : x.NearSize ? 1 : 0)
                        + (x.SameStage ? 2 : 0) + (x.SameRole ? 1 : 0),
            })
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.PublishedUtc).ThenByDescending(x => x.Id)
            .Take(Max)
            .ToListAsync(ct);

        var ids = ranked.Select(r => r.Id).ToList();
        var wanted = tensionIds.Concat(driftIds).ToList();
        var shared = wanted.Count == 0 ? [] : await db.Set<CaseTag>().AsNoTracking()
            .Where(t => ids.Contains(t.CaseId) && wanted.Contains(t.TagId))
            .Select(t => new { t.CaseId, t.TagId }).ToListAsync(ct);
        return ranked.Select(r => new CaseLikeMine(r.Id, r.Slug, r.Title, r.Summary, r.PublishedUtc, r.Score,
                r.SameSector, r.SameSize, r.NearSize, r.SameStage, r.SameRole,
                shared.Where(s => s.CaseId == r.Id).Select(s => s.TagId).ToList()))
            .ToList();
    }
}
