using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Test-only sign-in: a request carrying <c>X-Test-Member: {memberId}</c> is authenticated as that member;
/// without the header the request stays anonymous. Registered only through <see cref="WithTestAuth"/>.
/// </summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-Member";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, values.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>A factory whose requests authenticate through the header (other configuration kept).</summary>
    public static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> WithTestAuth(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, Action<IServiceCollection>? more = null) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddAuthentication(o =>
                {
                    o.DefaultScheme = SchemeName;
                    o.DefaultAuthenticateScheme = SchemeName;
                })
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(SchemeName, _ => { });
            more?.Invoke(services);
        }));
}
