using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// The header's unread count, kept per member for a short while (issue 19, item 1): a member's page then costs no
/// notification query on most requests. Kept correct by eviction, after commit: the member's notifications written
/// through SaveChanges (<see cref="UnreadCountsEffect"/>), marked read or unread by bulk updates (callers evict), and any
/// write to cases or replies (<see cref="CaseCache.Generation"/>: a hidden reply no longer counts). Another instance's
/// writes show within <c>Caching:Seconds</c>, as for the other read caches.
/// </summary>
public sealed class UnreadCounts(CaseCache cases, CachingOptions options, TimeProvider clock)
    : PerMemberCache<int>(options, clock, () => cases.Generation)
{
    /// <summary>The member's count, kept or read in the request's scope (<paramref name="services"/>).</summary>
    public Task<int> OfAsync(IServiceProvider services, string memberId, CancellationToken ct) =>
        GetAsync(memberId, () => services.GetRequiredService<NotificationQueries>().UnreadCountAsync(memberId, ct));
}

/// <summary>Notifications added, read or removed through SaveChanges: their recipients' counts go once committed.</summary>
public sealed class UnreadCountsEffect(UnreadCounts counts) : PerMemberCacheEffect<Notification, int>(counts, n => n.RecipientId);
