using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The test-only door behind <see cref="SignIn"/>: POST <see cref="Path"/> (email, optional secondFactor=false) signs the
/// member in with the cookie the real SignInManager makes, so the client carries the real Identity cookie. Registered by
/// <see cref="CommunityAppFactory"/>; tests of the login and two-factor pages use those pages instead.
/// </summary>
internal sealed class SignInDoor : IStartupFilter
{
    public const string Path = "/__test/sign-in";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Not app.Map: that would set PathBase and scope the cookie to this path.
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path != Path || !HttpMethods.IsPost(context.Request.Method))
            {
                await nextMiddleware(context);
                return;
            }
            var form = await context.Request.ReadFormAsync();
            var users = context.RequestServices.GetRequiredService<UserManager<Member>>();
            var member = await users.FindByEmailAsync(form["email"].ToString());
            if (member is null) { context.Response.StatusCode = 404; return; }
            // As after a two-factor sign-in unless told otherwise, so staff test members may act (StaffAccess).
            var claims = form["secondFactor"] == "false" ? [] : new[] { new Claim(StaffAccess.MethodClaim, StaffAccess.SecondFactor) };
            // The cookie SignInWithClaimsAsync writes, without its refusals: a test signs a member in as they were before a
            // suspension (a session made earlier, here or on another instance), which no road of the app writes any more.
            var principal = await context.RequestServices.GetRequiredService<SignInManager<Member>>().CreateUserPrincipalAsync(member);
            principal.Identities.First().AddClaims(claims);
            await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
            context.Response.StatusCode = 204;
        });
        next(app);
    };
}
