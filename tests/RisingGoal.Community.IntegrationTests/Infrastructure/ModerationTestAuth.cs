using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Test-only sign-in until the real /account/login page is merged: a request carrying <see cref="Header"/> is
/// authenticated as the member with that id, with their roles as claims and, unless <see cref="WithoutSecondFactorHeader"/> is sent, the second-factor claim. Without the header the request is
/// anonymous, and challenges still go to the Identity cookie (redirect to /account/login).
/// </summary>
public static class ModerationTestAuth
{
    public const string Scheme = "ModerationTest";
    public const string Header = "X-Test-Member";
    /// <summary>With this header (any value) the principal lacks the second-factor claim, as after a password-only sign-in.</summary>
    public const string WithoutSecondFactorHeader = "X-Test-Without-Mfa";

    /// <summary>The claim SignInManager adds after a two-factor sign-in; test principals carry it unless told otherwise.</summary>
    public static Claim SecondFactorClaim() => new(StaffAccess.MethodClaim, StaffAccess.SecondFactor);

    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, _ => { });
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = Scheme);
    }

    /// <summary>The factory with the test scheme.</summary>
    public static WebApplicationFactory<Program> WithTestAuth(this CommunityAppFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(Register));

    /// <summary>A cookie-keeping, non-redirecting client signed in as <paramref name="memberId"/> (null: anonymous).</summary>
    public static FormClient CreateMemberClient(this WebApplicationFactory<Program> app, string? memberId, string language = "fr", bool secondFactor = true)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        if (memberId is not null) http.DefaultRequestHeaders.Add(Header, memberId);
        if (!secondFactor) http.DefaultRequestHeaders.Add(WithoutSecondFactorHeader, "1");
        return new FormClient(http);
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        UserManager<Member> users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var id) || string.IsNullOrEmpty(id)) return AuthenticateResult.NoResult();
            var member = await users.FindByIdAsync(id!);
            if (member is null) return AuthenticateResult.Fail("Unknown test member");
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, member.Id), new(ClaimTypes.Name, member.UserName ?? member.Id) };
            claims.AddRange((await users.GetRolesAsync(member)).Select(r => new Claim(ClaimTypes.Role, r)));
            if (!Request.Headers.ContainsKey(WithoutSecondFactorHeader)) claims.Add(SecondFactorClaim());
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ModerationTestAuth.Scheme));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, ModerationTestAuth.Scheme));
        }
    }
}
