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
/// member in through the real SignInManager, so the client carries the real Identity cookie. Registered by
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
            await context.RequestServices.GetRequiredService<SignInManager<Member>>().SignInWithClaimsAsync(member, isPersistent: false, claims);
            context.Response.StatusCode = 204;
        });
        next(app);
    };
}
