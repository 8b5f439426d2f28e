using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The app with a test-only sign-in door: POST /__test/sign-in (email) signs in through the real SignInManager,
/// so the client carries the real Identity cookie. Until the accounts feature ships /account/login, tests sign in
/// through <see cref="TestMembers.SignInAsync"/>; switching that one method to the login form removes this door.
/// </summary>
public class MembersAppFactory : CommunityAppFactory
{
    /// <summary>
    /// The Cases tests are about writing and discussing, not about the trust policy: their members publish (and edit)
    /// directly, as trusted members. <see cref="HoldingMembersAppFactory"/> keeps the real trust rules.
    /// </summary>
    public MembersAppFactory()
    {
        With("Moderation:HoldFirstCases", "0");
        With("Moderation:HoldFirstReplies", "0");
        With("Moderation:TrustAfterApproved", "0");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, SignInDoor>());
    }

    private sealed class SignInDoor : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would set PathBase and scope the cookie to this path.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/__test/sign-in" || !HttpMethods.IsPost(context.Request.Method))
                {
                    await nextMiddleware(context);
                    return;
                }
                var form = await context.Request.ReadFormAsync();
                var users = context.RequestServices.GetRequiredService<UserManager<Member>>();
                var member = await users.FindByEmailAsync(form["email"].ToString());
                if (member is null) { context.Response.StatusCode = 404; return; }
                // As after a two-factor sign-in, so staff test members may act (StaffAccess); tests of the gate use the login form.
                await context.RequestServices.GetRequiredService<SignInManager<Member>>().SignInWithClaimsAsync(member, isPersistent: false, [ModerationTestAuth.SecondFactorClaim()]);
                context.Response.StatusCode = 204;
            });
            next(app);
        };
    }
}

/// <summary>
/// Members with the configured trust policy: a new member's first case and first two replies wait for review, and
/// members are trusted (edits published directly, no link limit, flags count toward hiding) after three approved posts.
/// </summary>
public class HoldingMembersAppFactory : MembersAppFactory
{
    public HoldingMembersAppFactory()
    {
        With("Moderation:HoldFirstCases", "1");
        With("Moderation:HoldFirstReplies", "2");
        With("Moderation:TrustAfterApproved", "3");
    }
}

public static class TestMembers
{
    public const string Password = "correct horse battery 42";

    /// <summary>A confirmed member (and optional roles), created with the real UserManager.</summary>
    public static async Task<Member> CreateAsync(CommunityAppFactory factory, string displayName, params string[] roles)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = new Member
        {
            UserName = "m" + Guid.NewGuid().ToString("N"),
            Email = $"m{Guid.NewGuid():N}@example.test",
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedUtc = factory.Clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(member, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
        {
            var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in roles.Where(r => !roleManager.RoleExistsAsync(r).GetAwaiter().GetResult()))
                await roleManager.CreateAsync(new IdentityRole(role));
            await users.AddToRolesAsync(member, roles);
        }
        return member;
    }

    /// <summary>Signs the client in as <paramref name="member"/> (later: through the /account/login form).</summary>
    public static async Task SignInAsync(FormClient client, Member member)
    {
        var response = await client.Http.PostAsync("/__test/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = member.Email! }));
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Test sign-in answered {(int)response.StatusCode}");
    }

    public static async Task<FormClient> SignedInClientAsync(CommunityAppFactory factory, Member member, string language = "fr")
    {
        var client = factory.CreateFormClient(language);
        await SignInAsync(client, member);
        return client;
    }
}
