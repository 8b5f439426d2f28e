using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// A suspended member has no session, as on Discourse: suspending changes their security stamp (their cookies are
/// refused at their next request on this instance), the cookie re-validation refuses them on every other instance
/// (at the validation interval), and no password, second-factor or recovery-code sign-in succeeds until the
/// suspension ends or is lifted (the login page tells them until when and why, once the password is right).
/// Writes do not wait for any of this: <see cref="WritePolicy"/> and <see cref="Moderation.StaffOnlyAttribute"/> read
/// the suspension from the database on every write.
/// </summary>
public sealed class SuspendedSignIn(UserManager<Member> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Member> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Member>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation, ISuspensionCheck suspensions)
    : SignInManager<Member>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>Every sign-in road that checks the account first (password, second factor, recovery code) asks this.</summary>
    public override async Task<bool> CanSignInAsync(Member user) =>
        await base.CanSignInAsync(user) && !await suspensions.IsSuspendedAsync(user.Id);

    /// <summary>
    /// Pages that change the member's security stamp (password, e-mail change confirmed, second factor, "sign out
    /// everywhere") keep the browser signed in with a new cookie, but not a suspended member's: a session that outlived a
    /// suspension made on another instance would otherwise be renewed, and its next check (its end) put off.
    /// </summary>
    public override async Task RefreshSignInAsync(Member user)
    {
        if (await suspensions.IsSuspendedAsync(user.Id)) return;
        await base.RefreshSignInAsync(user);
    }

    /// <summary>
    /// Every road that writes a sign-in cookie ends here (sign-in, refresh, and pages that sign in again with other claims,
    /// as turning the second factor on or off does): no cookie for a suspended member, whichever road a page takes.
    /// </summary>
    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (await suspensions.IsSuspendedAsync(user.Id)) return;
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>The cookie re-validation (interval, or a stamp this instance changed) asks this: a suspended member's cookie is refused.</summary>
    public override async Task<bool> ValidateSecurityStampAsync(Member? user, string? securityStamp) =>
        await base.ValidateSecurityStampAsync(user, securityStamp) && !await suspensions.IsSuspendedAsync(user!.Id);
}
