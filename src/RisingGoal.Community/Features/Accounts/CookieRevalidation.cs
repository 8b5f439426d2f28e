using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The sign-in cookie's re-validation, cheap on the common path. Identity's default handler resolves its scoped
/// <see cref="ISecurityStampValidator"/> on every signed-in request, and with it a SignInManager, a UserManager (which
/// builds its token providers), the user store and a DbContext, only to find most of the time that the validation
/// interval has not passed. Here the cookie's issued time is compared with the interval first, on the same clock
/// Identity uses; only when a check is due does Identity's validator run, unchanged (security stamp read, cookie refused
/// after a password change or "sign out everywhere", or renewed with fresh roles). Suspension does not depend on this:
/// <see cref="Moderation.WritePolicy"/> reads it from the database on every write.
/// </summary>
public static class CookieRevalidation
{
    public static IServiceCollection AddCookieRevalidation(this IServiceCollection services)
    {
        // One clock for the check here and for Identity's validator: the app's (tests move it with factory.Clock).
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) => o.TimeProvider ??= clock);
        services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = ValidateAsync);
        return services;
    }

    /// <summary>True when the cookie must be checked against the database now (as Identity decides: no issued time, or older than the interval).</summary>
    public static bool IsDue(DateTimeOffset? issuedUtc, DateTimeOffset now, TimeSpan interval) =>
        issuedUtc is not { } issued || now - issued > interval;

    private static Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? services.GetRequiredService<TimeProvider>()).GetUtcNow();
        return IsDue(context.Properties.IssuedUtc, now, options.ValidationInterval)
            ? SecurityStampValidator.ValidatePrincipalAsync(context)
            : Task.CompletedTask;
    }
}
