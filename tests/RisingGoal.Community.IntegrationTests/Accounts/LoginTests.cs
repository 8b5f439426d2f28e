using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

public sealed class LoginTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        await factory.SignedInMemberAsync("locked@example.org", "Locked Out", "en");
        var client = factory.CreateFormClient("en");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await (await client.LoginAsync("locked@example.org", "wrong password 1")).HtmlAsync();
            Assert.Equal("Incorrect e-mail address or password.", wrong.Summary());   // the lock is not announced to whoever typed
        }

        var right = await client.LoginAsync("locked@example.org");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("Incorrect e-mail address or password.", (await right.HtmlAsync()).Summary());
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rg.auth=")));
        Assert.Equal("Your Rising Goal Community account is locked", factory.Mail.To("locked@example.org").Last().Subject);

        var french = await (await factory.CreateFormClient("fr").LoginAsync("locked@example.org")).HtmlAsync();
        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", french.Summary());

        // The lock lasts 15 minutes. Identity reads the system clock (not TimeProvider), so check the stored end.
        using var scope = factory.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("locked@example.org");
        var remaining = member!.LockoutEnd!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(remaining, TimeSpan.FromMinutes(13), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Unknown_address_and_wrong_password_get_the_same_message()
    {
        await factory.SignedInMemberAsync("known@example.org", "Known Member");
        var client = factory.CreateFormClient("fr");
        var unknown = await (await client.LoginAsync("nobody@example.org")).HtmlAsync();
        var wrong = await (await client.LoginAsync("known@example.org", "not the password 9")).HtmlAsync();
        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", unknown.Summary());
        Assert.Equal(unknown.Summary(), wrong.Summary());
    }

    [Fact]
    public async Task Return_url_is_kept_but_only_when_local()
    {
        await factory.SignedInMemberAsync("return@example.org", "Return Path");

        var local = await factory.CreateFormClient().LoginAsync("return@example.org", page: "/account/login?returnUrl=%2Faccount%2Fpassword");
        Assert.Equal("/account/password", local.Headers.Location?.OriginalString);

        var external = await factory.CreateFormClient().LoginAsync("return@example.org", page: "/account/login?returnUrl=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", external.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login_and_logout_needs_a_post()
    {
        var anonymous = await factory.CreateFormClient().Http.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2Faccount", anonymous.Headers.Location?.ToString());

        var client = await factory.SignedInMemberAsync("bye@example.org", "Bye Bye");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/account")).StatusCode);
        var logout = await client.PostWithTokenAsync("/account", "/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/account")).StatusCode);
    }

    [Fact]
    public async Task Access_denied_page_answers_403_in_the_reader_language()
    {
        var response = await factory.CreateFormClient("fr").Http.GetAsync("/account/access-denied");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Accès refusé", await response.TextAsync());
    }
}

/// <summary>Its own factory: the login limit is lowered to 2 per window.</summary>
public sealed class LoginRateLimitTests : IDisposable
{
    private readonly CommunityAppFactory _factory = new CommunityAppFactory().With("RateLimits:login", "2");

    [Fact]
    public async Task The_third_login_attempt_in_the_window_gets_429_with_retry_after_and_the_localised_page()
    {
        var client = _factory.CreateFormClient("fr");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("a@example.org", "whatever 12345")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("a@example.org", "whatever 12345")).StatusCode);

        var limited = await client.LoginAsync("a@example.org", "whatever 12345");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Trop de requêtes", await limited.TextAsync());

        // Reading the page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/account/login")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
