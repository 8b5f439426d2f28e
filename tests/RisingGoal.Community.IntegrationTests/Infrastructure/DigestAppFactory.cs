using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The app with its digest and outbox workers switched off (tests drive them by calling the run methods), optionally
/// on a database file of the caller's (two factories on one file = two instances, or a restart), and with a test-only
/// sign-in door (<c>/test/sign-in?email=</c>) that issues the real Identity cookie, until the Accounts pages land.
/// </summary>
public sealed class DigestAppFactory : CommunityAppFactory
{
    public DigestAppFactory() : this(sharedConnectionString: null) { }

    /// <param name="sharedConnectionString">A database shared with another factory (a second instance, or the app after a restart), from <see cref="TestDatabase.NewConnectionString"/>.</param>
    /// <param name="smtpPort">Port of a <c>TestSmtpServer</c> on 127.0.0.1; null keeps the pickup folder.</param>
    public DigestAppFactory(string? sharedConnectionString, int? smtpPort = null)
    {
        With("Digests:Enabled", "false");
        With("Outbox:Enabled", "false");
        // Digest tests are about mail, not trust: members' first posts publish directly here.
        With("Moderation:HoldFirstCases", "0");
        With("Moderation:HoldFirstReplies", "0");
        if (sharedConnectionString is not null) With("ConnectionStrings:Community", sharedConnectionString);
        if (smtpPort is { } port)
            With("Mail:Smtp:Host", "127.0.0.1").With("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("Mail:Smtp:Security", "None");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestSignIn>());
    }

    private sealed class TestSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that moves the path base and the cookie would be scoped to /test/sign-in.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test/sign-in")
                {
                    await nextMiddleware(context);
                    return;
                }
                var users = context.RequestServices.GetRequiredService<UserManager<Member>>();
                var member = await users.FindByEmailAsync(context.Request.Query["email"].ToString());
                if (member is null)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                // As after a two-factor sign-in, so staff test members may act (StaffAccess); tests of the gate use the login form.
                await context.RequestServices.GetRequiredService<SignInManager<Member>>().SignInWithClaimsAsync(member, isPersistent: false, [ModerationTestAuth.SecondFactorClaim()]);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            next(app);
        };
    }
}
