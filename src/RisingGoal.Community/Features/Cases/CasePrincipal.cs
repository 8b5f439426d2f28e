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
        user.MemberId() is { } me && (me == authorId || user.IsModerator());
}
