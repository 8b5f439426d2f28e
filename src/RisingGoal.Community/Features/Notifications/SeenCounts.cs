using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// A member's read state as lists need it (case id → replies seen), kept per member briefly: the "n new replies" marks of
/// a list then cost no query. Only the member's own page views change it (<see cref="ReadTracking.CaseViewedAsync"/>
/// evicts); a reply elsewhere changes the case row's count, which the list already carries. Another instance's writes
/// show within <c>Caching:Seconds</c>.
/// </summary>
public sealed class SeenCounts(CachingOptions options, TimeProvider clock) : PerMemberCache<IReadOnlyDictionary<int, int>>(options, clock);
