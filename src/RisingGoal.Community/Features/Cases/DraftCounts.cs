using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// How many drafts a member keeps, kept per member briefly: the home tells it on every member view, and one count per
/// view (with the context it builds) took the member home from 1.1x the ceiling to 0.3x in session 15's full run.
/// Saves through SaveChanges evict after commit (<see cref="DraftCountsEffect"/>); the bulk deletes of
/// <see cref="Drafts.DeleteAsync"/> evict themselves (an erased member has no session left to read theirs).
/// </summary>
public sealed class DraftCounts(CachingOptions options, TimeProvider clock) : PerMemberCache<int>(options, clock)
{
    public Task<int> OfAsync(OnDemandDb data, string memberId, CancellationToken ct) =>
        GetAsync(memberId, () => data.Context.Set<Draft>().CountAsync(d => d.MemberId == memberId, ct));
}

/// <summary>Drafts added, saved or removed through SaveChanges: their members' kept counts go once committed.</summary>
public sealed class DraftCountsEffect(DraftCounts counts) : PerMemberCacheEffect<Draft, int>(counts, d => d.MemberId);
