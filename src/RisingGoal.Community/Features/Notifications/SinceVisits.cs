using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>What the home's "new since your last visit" showed a member, and from which visit end.</summary>
public sealed record SinceVisit(DateTime SinceUtc, IReadOnlyList<MemberSpace.SinceVisitItem> Items)
{
    /// <summary>
    /// The section as data, for the key of the member's kept home (lengths before free text, so no two lists read the
    /// same): built once per kept section, not on every view of the home.
    /// </summary>
    public string VariantKey { get; } = string.Join(';', Items.Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{i.Id}:{i.NewCase}:{i.NewReplies}:{i.Slug.Length}:{i.Slug}:{i.Title.Length}:{i.Title}")));
}

/// <summary>
/// The home's "new since your last visit", kept per member briefly: a member's home then costs no query for it on most
/// views. Any write to cases or replies moves <see cref="CaseCache.Generation"/>; the member's own reading
/// (<see cref="ReadTracking.CaseViewedAsync"/>) and follows (<see cref="Reactions.SetFollowAsync"/>) evict it; a new visit
/// changes <see cref="SinceVisit.SinceUtc"/>, so the kept one is not used.
/// </summary>
public sealed class SinceVisits(CaseCache cases, CachingOptions options, TimeProvider clock)
    : PerMemberCache<SinceVisit>(options, clock, () => cases.Generation);
