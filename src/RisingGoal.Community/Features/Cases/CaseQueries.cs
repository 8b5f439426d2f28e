namespace RisingGoal.Community.Features.Cases;

/// <summary>The filters every page listing or reading cases applies.</summary>
public static class CaseQueries
{
    /// <summary>
    /// Published cases the reader may see: members-only cases only for signed-in readers, unless their
    /// members-only period has ended.
    /// </summary>
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, bool signedIn, DateTime nowUtc) =>
        signedIn
            ? cases.Where(c => c.Status == CaseStatus.Published)
            : cases.Where(c => c.Status == CaseStatus.Published &&
                (c.Visibility == CaseVisibility.Public || (c.MembersOnlyUntilUtc != null && c.MembersOnlyUntilUtc <= nowUtc)));

    /// <summary>
    /// The cases a signed-in member's own pages and data export may name: published ones, and their own in any state
    /// but deleted (pending, rejected or hidden: shown to them alone). Never the id of someone else's hidden case.
    /// </summary>
    public static IQueryable<Case> ShownToMember(this IQueryable<Case> cases, string memberId) =>
        cases.Where(c => c.Status == CaseStatus.Published || (c.AuthorId == memberId && c.Status != CaseStatus.Deleted));

    public static IQueryable<Case> WithTag(this IQueryable<Case> cases, int tagId) =>
        cases.Where(c => c.Tags.Any(t => t.TagId == tagId));

    /// <summary>Same rule in memory, for a case already loaded.</summary>
    public static bool IsVisibleTo(this Case @case, bool signedIn, DateTime nowUtc) =>
        signedIn ? @case.Status == CaseStatus.Published : VisibleToVisitors(@case.Status, @case.Visibility, @case.MembersOnlyUntilUtc, nowUtc);

    /// <summary>Same rule in memory for visitors, from a case's columns (what the cache eviction reads).</summary>
    public static bool VisibleToVisitors(CaseStatus status, CaseVisibility visibility, DateTime? membersOnlyUntilUtc, DateTime nowUtc) =>
        status == CaseStatus.Published && (visibility == CaseVisibility.Public || membersOnlyUntilUtc <= nowUtc);
}
