using System.Security.Claims;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Cases;

internal static class CasePrincipal
{
    public static string? MemberId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>A moderator or administrator who signed in with the second factor (see <see cref="StaffAccess"/>).</summary>
    public static bool IsModerator(this ClaimsPrincipal user) => user.MayActAsStaff();

    /// <summary>The author of a piece of content, or a moderator/administrator.</summary>
    public static bool MayChange(this ClaimsPrincipal user, string? authorId) =>
        MayChange(user.MemberId(), user.IsModerator(), authorId);

    /// <summary>The same rule for a reader resolved once (a page asks it for every reply).</summary>
    public static bool MayChange(string? me, bool moderator, string? authorId) =>
        me is not null && (me == authorId || moderator);

    /// <summary>Signed-in members flag other members' posts, never their own, and nothing still awaiting review.</summary>
    public static bool MayFlag(string? me, string? authorId, bool awaitingReview) =>
        me is not null && authorId != me && !awaitingReview;
}
