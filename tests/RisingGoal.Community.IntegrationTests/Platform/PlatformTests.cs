using System.Net;
using Microsoft.Data.Sqlite;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

public sealed class PlatformTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Home_is_french_by_default_with_security_headers()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"fr\"", html);
        Assert.Contains("Aller au contenu", html);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task Accept_language_english_gives_english()
    {
        var client = factory.CreateFormClient("en");
        var html = await client.Http.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Skip to content", html);
    }

    [Fact]
    public async Task Language_switcher_sets_a_cookie_that_beats_accept_language()
    {
        var client = factory.CreateFormClient("fr");
        var response = await client.SubmitAsync("/", new Dictionary<string, string>(),
            formSelector: "form.lang-switch", submitName: "culture", submitValue: "en");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".rg.culture="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var html = await client.Http.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\"", html);
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected()
    {
        var client = factory.CreateFormClient();
        var response = await client.Http.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".rg.culture=")));
    }

    [Fact]
    public async Task Unknown_page_answers_the_localised_404_page()
    {
        var fr = await factory.CreateFormClient("fr").Http.GetAsync("/no-such-page");
        var en = await factory.CreateFormClient("en").Http.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, fr.StatusCode);
        Assert.Contains("Page introuvable", await fr.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, en.StatusCode);
        Assert.Contains("Page not found", await en.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stylesheet_is_served_with_a_body()
    {
        var client = factory.CreateClient();
        var home = await client.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/css/site[^\"]*\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(href);

        var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--accent", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_200_when_the_database_is_reachable()
    {
        var response = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Its own factory: it breaks the database on purpose.</summary>
public sealed class HealthWhenDatabaseIsGoneTests : IDisposable
{
    private readonly CommunityAppFactory _factory = new();

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_gone()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        if (TestDatabase.IsPostgres)
        {
            TestDatabase.Drop(_factory.ConnectionString);   // the whole database disappears under the running app
        }
        else
        {
            // Replace the database file with something that is not a database at all.
            SqliteConnection.ClearAllPools();
            File.WriteAllText(_factory.DatabasePath, "this is not a database");
            foreach (var sidecar in new[] { "-wal", "-shm" })
                File.Delete(_factory.DatabasePath + sidecar);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
