using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The sign-in cookie's re-validation, cheap on the common path. Identity's default handler resolves its scoped
/// <see cref="ISecurityStampValidator"/> on every signed-in request, and with it a SignInManager, a UserManager (which
/// builds its token providers), the user store and a DbContext, only to find most of the time that the validation
/// interval has not passed. Here, first, a cookie whose security stamp this process has since replaced
/// (<see cref="KnownSecurityStamps"/>: a password change or reset, "sign out everywhere"…) is checked against the
/// database at once and refused, on reads too; then the cookie's issued time is compared with the interval, on the
/// same clock Identity uses; only when a check is due does Identity's validator run, unchanged (security stamp read,
/// cookie refused after a change made by another instance or once the member is suspended (<see cref="SuspendedSignIn"/>),
/// or renewed with fresh roles and a new issued time). A client that does not keep the renewed cookie (a load tool
/// replaying one cookie) is checked on every request past the interval. Writes do not wait for any of this:
/// <see cref="Moderation.WritePolicy"/> reads the suspension from the database on every write.
/// </summary>
public static class CookieRevalidation
{
    public static IServiceCollection AddCookieRevalidation(this IServiceCollection services)
    {
        // One clock for the check here and for Identity's validator: the app's (tests move it with factory.Clock).
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider ??= clock);
        services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = ValidateAsync);
        services.AddSingleton<KnownSecurityStamps>();
        services.AddSingleton<Infrastructure.Data.IWriteEffect, SecurityStampEffect>();
        return services;
    }

    private static readonly object EndedSession = new();

    /// <summary>
    /// A form posted by a session just ended (its cookie refused above) is sent to sign in, back to the page it came
    /// from, rather than failing on its antiforgery token (issued to the member, now posted by a visitor: a 400).
    /// Reads go on as a visitor's: a members-only page asks to sign in itself. After UseAuthentication.
    /// </summary>
    public static IApplicationBuilder UseEndedSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Items.ContainsKey(EndedSession) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await context.ChallengeAsync(IdentityConstants.ApplicationScheme, new AuthenticationProperties { RedirectUri = context.Request.Path });
            return;
        }
        await next(context);
    });

    /// <summary>True when the cookie must be checked against the database now (as Identity decides: no issued time, or older than the interval).</summary>
    public static bool IsDue(DateTimeOffset? issuedUtc, DateTimeOffset now, TimeSpan interval) =>
        issuedUtc is not { } issued || now - issued > interval;

    private static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (context.Principal is { } principal && services.GetRequiredService<KnownSecurityStamps>().Outdates(principal, stampClaim))
            return RecheckNowAsync(context, principal);
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? services.GetRequiredService<TimeProvider>()).GetUtcNow();
        return IsDue(context.Properties.IssuedUtc, now, options.ValidationInterval)
            ? SecurityStampValidator.ValidatePrincipalAsync(context)
            : Task.CompletedTask;
    }

    /// <summary>
    /// The stamp read from the database, whatever the interval (Identity's validator would wait for it): an outdated
    /// cookie is refused and deleted as Identity does. A current one means another instance wrote the stamp this one
    /// remembers: the newer stamp is remembered, so that session's next requests cost no query.
    /// </summary>
    private static async Task RecheckNowAsync(CookieValidatePrincipalContext context, ClaimsPrincipal principal)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<Member>>();
        if (await signIn.ValidateSecurityStampAsync(principal) is { } member)
        {
            context.HttpContext.RequestServices.GetRequiredService<KnownSecurityStamps>().Record(member.Id, member.SecurityStamp);
            return;
        }
        context.RejectPrincipal();
        context.HttpContext.Items[EndedSession] = true;
        await signIn.SignOutAsync();
        await context.HttpContext.SignOutAsync(IdentityConstants.TwoFactorRememberMeScheme);
    }
}
