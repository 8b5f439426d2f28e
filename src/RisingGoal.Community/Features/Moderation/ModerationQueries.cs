using System.Security.Claims;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Who may see posts awaiting review: their author (shown "awaiting review") and moderators. Everyone else sees
/// only published posts (apply <see cref="CaseQueries.VisibleTo"/> as before).
/// </summary>
public static class ModerationQueries
{
    /// <summary>A moderator or administrator who signed in with the second factor (see <see cref="StaffAccess"/>).</summary>
    public static bool IsStaff(this ClaimsPrincipal user) => user.MayActAsStaff();

    /// <summary>Published cases the reader may see, plus pending ones they wrote (or all pending ones for staff).</summary>
    public static IQueryable<Case> VisibleOrAwaitingReview(this IQueryable<Case> cases, string? memberId, bool isStaff, DateTime nowUtc) =>
        isStaff
            ? cases.Where(c => c.Status == CaseStatus.Published || c.Status == CaseStatus.Pending)
            : cases.VisibleTo(memberId is not null, nowUtc)
                .Concat(cases.Where(c => c.Status == CaseStatus.Pending && memberId != null && c.AuthorId == memberId));

    public static bool CanSee(this Case @case, string? memberId, bool isStaff, DateTime nowUtc) =>
        @case.IsVisibleTo(memberId is not null, nowUtc) ||
        (@case.Status == CaseStatus.Pending && (isStaff || @case.IsAuthor(memberId)));

    /// <summary>
    /// Replies shown on a case page: published ones (hidden and deleted as tombstones), and pending ones to their author
    /// and staff. A rejected reply was never public: staff only (its author is told through their notifications).
    /// </summary>
    public static IQueryable<Reply> ShownTo(this IQueryable<Reply> replies, string? memberId, bool isStaff) =>
        isStaff
            ? replies
            : replies.Where(r => r.Status != ReplyStatus.Rejected && (r.Status != ReplyStatus.Pending || (memberId != null && r.AuthorId == memberId)));
}
