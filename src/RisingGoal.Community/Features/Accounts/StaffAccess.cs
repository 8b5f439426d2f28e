using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Staff powers need two things the sign-in cookie alone cannot prove: the role still held in the database (a revoked
/// moderator loses their powers at their next request) and a sign-in made with the second factor.
/// </summary>
public static class StaffAccess
{
    /// <summary>The "authentication method reference" claim SignInManager adds: "mfa" after a two-factor sign-in.</summary>
    public const string MethodClaim = "amr";
    public const string SecondFactor = "mfa";
    public const string SetupPath = "/account/two-factor";

    public static readonly string[] StaffRoles = [Roles.Moderator, Roles.Administrator];

    /// <summary>True when the current sign-in used a second factor (authenticator code or recovery code).</summary>
    public static bool SignedInWithSecondFactor(this ClaimsPrincipal user) => user.HasClaim(MethodClaim, SecondFactor);

    /// <summary>Holds a staff role (as re-read from the database for this request) and signed in with the second factor.</summary>
    public static bool MayActAsStaff(this ClaimsPrincipal user) =>
        StaffRoles.Any(user.IsInRole) && user.SignedInWithSecondFactor();

    /// <summary>Where a staff member without a second-factor sign-in is sent, coming back to <paramref name="returnUrl"/>.</summary>
    public static string SetupUrl(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? SetupPath : $"{SetupPath}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    public static IServiceCollection AddStaffAccess(this IServiceCollection services)
    {
        services.AddScoped<IClaimsTransformation, StaffRoleRecheck>();
        services.AddScoped<StaffStanding>();
        // When the cookie is refreshed (security stamp checked), the new principal keeps how the member signed in.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            var method = context.CurrentPrincipal?.FindFirst(MethodClaim);
            if (method is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(MethodClaim, method.Value))
                identity.AddClaim(new Claim(MethodClaim, method.Value));
            return Task.CompletedTask;
        });
        return services;
    }

    /// <summary>
    /// Role claims in the cookie are a snapshot of sign-in time: for a principal claiming a staff role, the staff roles
    /// are re-read from the database once per request and those no longer held are dropped, so every check
    /// (<c>IsInRole</c>, <c>[StaffOnly]</c>, role policies, the moderator tools of the case page) sees the current
    /// roles. A suspended staff member holds none of them while the suspension lasts: no staff page, no pending or
    /// hidden text (<see cref="StaffStanding"/> keeps the suspension for <c>[StaffOnly]</c>'s message). Members without
    /// a staff claim cost nothing: not even a database context (built on demand; authentication resolves this for
    /// every request).
    /// </summary>
    private sealed class StaffRoleRecheck(OnDemandDb data, StaffStanding standing, IServiceProvider services) : IClaimsTransformation
    {
        private HashSet<string>? _held;

        public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            if (principal.Identity?.IsAuthenticated != true || !StaffRoles.Any(principal.IsInRole)) return principal;
            var memberId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
            if (_held is null)
            {
                _held = memberId is null ? [] : (await (
                    from ur in data.Context.UserRoles
                    join r in data.Context.Roles on ur.RoleId equals r.Id
                    where ur.UserId == memberId && (r.Name == Roles.Moderator || r.Name == Roles.Administrator)
                    select r.Name!).ToListAsync()).ToHashSet();
                // Resolved here, not injected: the check builds a database context, which other members' requests never need.
                if (_held.Count > 0 && await services.GetRequiredService<ISuspensionCheck>().ActiveAsync(memberId!) is { } suspension)
                {
                    standing.Suspension = suspension;
                    _held.Clear();
                }
            }
            if (StaffRoles.Where(principal.IsInRole).All(_held.Contains)) return principal;

            var copy = new ClaimsPrincipal();
            foreach (var identity in principal.Identities)
            {
                var kept = identity.Clone();
                foreach (var claim in kept.FindAll(identity.RoleClaimType).Where(c => StaffRoles.Contains(c.Value) && !_held.Contains(c.Value)).ToList())
                    kept.RemoveClaim(claim);
                copy.AddIdentity(kept);
            }
            return copy;
        }
    }
}

/// <summary>This request's staff member, when their staff roles were dropped because they are suspended (else null).</summary>
public sealed class StaffStanding
{
    public SuspensionNotice? Suspension { get; set; }
}
