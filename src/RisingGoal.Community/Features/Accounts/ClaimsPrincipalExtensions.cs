using System.Security.Claims;

namespace RisingGoal.Community.Features.Accounts;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in member's id; throws when nobody is signed in (use on [Authorize] pages only).</summary>
    public static string MemberId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("No member is signed in.");

    /// <summary>The signed-in member's id, or null for a visitor.</summary>
    public static string? MemberIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
