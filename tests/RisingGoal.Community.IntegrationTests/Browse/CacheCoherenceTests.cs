using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// Caching on, as in production: immediately after a write returns, no page, list, profile, related-cases block,
/// search result or feed shows the state from before it, for visitors (page cache) or members (shared read models).
/// </summary>
public sealed partial class CacheCoherenceTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private static readonly WebApplicationFactoryClientOptions NoCookies = new() { HandleCookies = false };

    private CommunityAppFactory App() => factory.With("Caching:Enabled", "true");

    /// <summary>A page as a visitor (a client without cookies) or a member (their signed-in client) reads it; "" when not found.</summary>
    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return response.StatusCode == HttpStatusCode.NotFound ? "" : await response.Content.ReadAsStringAsync();
    }

    /// <summary><see cref="AsReader"/> and <see cref="AsReplier"/>: those members' own clients (real cookie, redirects followed).</summary>
    private sealed record World(int Hidden, string HiddenUrl, int Neighbour, string NeighbourUrl, Member Author, string AuthorName,
        Member Replier, string ReplierName, Member Moderator, Member Reader, HttpClient AsReader, HttpClient AsReplier);

    /// <summary>A case (with a reply by someone else) and a neighbour sharing its tags, so it shows in related cases.</summary>
    private async Task<World> WorldAsync(CommunityAppFactory app, string title)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (authorName, replierName) = ($"Autrice {suffix}", $"Répondant {suffix}");
        var author = await app.Seed(A.Member().Named(authorName).JoinedAt(now.AddDays(-30)));
        var replier = await app.Seed(A.Member().Named(replierName).JoinedAt(now.AddDays(-30)));
        var reader = await app.Seed(A.Member().Named($"Lectrice {suffix}").JoinedAt(now.AddDays(-30)));
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var hidden = await app.Seed(A.Case().By(author).Titled(title).PublishedAt(now.AddHours(-2)).Tagged("apparent-alignment", "centralisation-vs-autonomy"));
        var neighbour = await app.Seed(A.Case().By(author).Titled($"Cas voisin {suffix}").PublishedAt(now.AddHours(-3))
            .Tagged("apparent-alignment", "centralisation-vs-autonomy"));
        await app.Seed(A.Reply().On(hidden).By(replier).Saying("Réponse.").At(now.AddHours(-1)));
        return new World(hidden.Id, CaseUrls.Read(hidden.Id, hidden.Slug), neighbour.Id, CaseUrls.Read(neighbour.Id, neighbour.Slug),
            author, authorName, replier, replierName, moderator, reader,
            (await app.SignedInAs(reader, followRedirects: true)).Http, (await app.SignedInAs(replier, followRedirects: true)).Http);
    }

    private static string[] PagesShowing(World w, string searchWord) =>
    [
        "/", "/cases", "/drifts/apparent-alignment", "/tensions/centralisation-vs-autonomy", w.HiddenUrl, w.NeighbourUrl,
        "/members/" + Uri.EscapeDataString(w.AuthorName), "/members/" + Uri.EscapeDataString(w.ReplierName),
        "/search?q=" + Uri.EscapeDataString(searchWord), "/feeds/cases.atom", "/feeds/tensions/centralisation-vs-autonomy.atom",
    ];

    /// <summary>What shows the case on a page: the search page echoes the query, so there the link to the case tells.</summary>
    private static string Marker(World w, string url, string text) => url.StartsWith("/search", StringComparison.Ordinal) ? $"/cases/{w.Hidden}/" : text;

    private static async Task WarmAsync(HttpClient client, World w, string[] urls, string text)
    {
        foreach (var url in urls)
        {
            if (url == w.HiddenUrl) continue;   // the case's own page shows it by construction
            var expected = Marker(w, url, text);
            Assert.True((await GetAsync(client, url)).Contains(expected, StringComparison.Ordinal), $"visitor, {url}");
            Assert.True((await GetAsync(w.AsReader, url)).Contains(expected, StringComparison.Ordinal), $"member, {url}");
        }
        await GetAsync(client, w.HiddenUrl);
        await GetAsync(w.AsReader, w.HiddenUrl);
    }

    private static async Task AssertGoneAsync(HttpClient client, World w, string[] urls, string text)
    {
        foreach (var url in urls)
        {
            var removed = Marker(w, url, text);
            Assert.False((await GetAsync(client, url)).Contains(removed, StringComparison.Ordinal), $"visitor, {url}");
            Assert.False((await GetAsync(w.AsReader, url)).Contains(removed, StringComparison.Ordinal), $"member, {url}");
        }
    }

    [Fact]
    public async Task A_case_hidden_by_a_moderator_is_gone_at_once_from_every_cached_page_for_visitors_and_members()
    {
        var app = App();
        var title = "Cas dissimulable " + Guid.NewGuid().ToString("N")[..6];
        var w = await WorldAsync(app, title);
        var client = app.CreateClient(NoCookies);
        var urls = PagesShowing(w, "dissimulable");
        await WarmAsync(client, w, urls, title);

        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == w.Hidden).Select(c => c.Version).SingleAsync());
        var response = await (await app.SignedInAs(w.Moderator)).PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = w.Hidden.ToString(), ["Input.Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await AssertGoneAsync(client, w, urls, title);
    }

    [Fact]
    public async Task Retagging_and_unhiding_show_at_once_on_the_cached_tag_pages_and_lists()
    {
        var app = App();
        var title = "Cas retagué " + Guid.NewGuid().ToString("N")[..6];
        var w = await WorldAsync(app, title);
        var tags = await app.Query(db => db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id));   // imported at start-up
        var client = app.CreateClient(NoCookies);
        Assert.Contains(title, await GetAsync(client, "/tensions/centralisation-vs-autonomy"));
        Assert.DoesNotContain(title, await GetAsync(client, "/tensions/framework-vs-culture"));
        var moderator = await app.SignedInAs(w.Moderator);

        async Task ActAsync(string handler, params (string Key, string Value)[] extra)
        {
            var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == w.Hidden).Select(c => c.Version).SingleAsync());
            var fields = new Dictionary<string, string> { ["Input.Kind"] = "Case", ["Input.Id"] = w.Hidden.ToString(), ["Input.Version"] = version.ToString() };
            foreach (var (key, value) in extra) fields[key] = value;
            Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", $"/moderation?handler={handler}", fields)).StatusCode);
        }

        await ActAsync("Retag", ("Input.TagIds", tags["framework-vs-culture"].ToString()));
        Assert.DoesNotContain(title, await GetAsync(client, "/tensions/centralisation-vs-autonomy"));
        Assert.Contains(title, await GetAsync(client, "/tensions/framework-vs-culture"));
        Assert.Contains(title, await GetAsync(w.AsReader, "/tensions/framework-vs-culture"));

        await ActAsync("Hide");
        Assert.DoesNotContain(title, await GetAsync(client, "/cases"));
        await ActAsync("Unhide");
        Assert.Contains(title, await GetAsync(client, "/cases"));
        Assert.Contains(title, await GetAsync(w.AsReader, "/cases"));
    }

    [Fact]
    public async Task A_redacted_title_is_gone_at_once_from_every_cached_page_and_search_snippet()
    {
        var app = App();
        var secret = "Durandelle" + Guid.NewGuid().ToString("N")[..4];
        var w = await WorldAsync(app, $"Chez {secret}, des OKR sans tension");
        var client = app.CreateClient(NoCookies);
        var urls = PagesShowing(w, secret);
        await WarmAsync(client, w, urls, secret);

        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == w.Hidden).Select(c => c.Version).SingleAsync());
        var response = await (await app.SignedInAs(w.Moderator)).SubmitAsync($"/moderation/redact/case/{w.Hidden}", new Dictionary<string, string>
        {
            ["Input.Find"] = secret, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Identifying details",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual(version, await app.Query(db => db.Set<Case>().Where(c => c.Id == w.Hidden).Select(c => c.Version).SingleAsync()));

        var redactedUrl = await app.CaseUrlAsync(w.Hidden);
        await AssertGoneAsync(client, w, [.. urls, redactedUrl], secret);
        Assert.Contains("[une entreprise]", await GetAsync(client, w.NeighbourUrl));   // related cases show the new title
    }

    [Fact]
    public async Task A_new_display_name_replaces_the_old_one_at_once_on_every_cached_page()
    {
        var app = App();
        var title = "Cas signé " + Guid.NewGuid().ToString("N")[..6];
        var w = await WorldAsync(app, title);
        var client = app.CreateClient(NoCookies);
        Assert.Contains(w.ReplierName, await GetAsync(client, w.HiddenUrl));
        Assert.Contains(w.ReplierName, await GetAsync(w.AsReader, w.HiddenUrl));

        var renamed = "Nouveau nom " + Guid.NewGuid().ToString("N")[..6];
        var response = await (await app.SignedInAs(w.Replier)).SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = renamed });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.DoesNotContain(w.ReplierName, await GetAsync(client, w.HiddenUrl));
        Assert.DoesNotContain(w.ReplierName, await GetAsync(w.AsReader, w.HiddenUrl));
        Assert.Contains(renamed, await GetAsync(client, w.HiddenUrl));
    }

    [Fact]
    public async Task A_failed_login_and_a_language_change_evict_nothing()
    {
        var app = App();
        var w = await WorldAsync(app, "Cas stable " + Guid.NewGuid().ToString("N")[..6]);
        var cache = app.Services.GetRequiredService<CaseCache>();
        var member = await app.Seed(A.Member());
        var before = cache.Generation;

        var login = await app.CreateFormClient().SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = member.Email!, ["Input.Password"] = "not the password",
        });
        Assert.NotEqual(HttpStatusCode.InternalServerError, login.StatusCode);
        var failures = await app.Query(db => db.Users.Where(m => m.Id == member.Id).Select(m => m.AccessFailedCount).SingleAsync());
        Assert.Equal(1, failures);                                                  // the member row was saved
        var language = await (await app.SignedInAs(member)).PostWithTokenAsync("/account", "/account/language", new Dictionary<string, string> { ["Input.Culture"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);

        Assert.Equal(before, cache.Generation);
    }

    [Fact]
    public async Task Junk_query_strings_add_no_cache_entries()
    {
        var app = App();
        await WorldAsync(app, "Cas du cache " + Guid.NewGuid().ToString("N")[..6]);
        var client = app.CreateClient(NoCookies);
        var first = await client.GetAsync("/cases");
        Assert.Null(first.Headers.Age);
        var metrics = app.Services.GetRequiredService<RisingGoal.Community.Infrastructure.Web.CacheMetrics>();
        var stored = metrics.PageStores;

        for (var i = 0; i < 1000; i++)
        {
            var response = await client.GetAsync($"/cases?junk{i}={i}");
            Assert.NotNull(response.Headers.Age);                                   // the canonical page, from the cache
        }

        Assert.Equal(stored, metrics.PageStores);
        var detail = await app.HealthDetailAsync();                                  // the counters an operator watches (on the machine)
        Assert.Contains("page.hits: ", detail);
        Assert.Contains("page.tagEvictions: ", detail);
    }

    [Fact]
    public async Task A_reader_racing_a_write_inside_a_transaction_never_caches_the_old_state_past_the_commit()
    {
        var app = App();
        var title = "Cas en transaction " + Guid.NewGuid().ToString("N")[..6];
        var w = await WorldAsync(app, title);
        var client = app.CreateClient(NoCookies);
        Assert.Contains(title, await GetAsync(w.AsReader, "/cases"));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tracked = await db.Set<Case>().SingleAsync(c => c.Id == w.Hidden);
            tracked.Hide(factory.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            // A reader between the save and the commit still sees (and may cache) the committed state.
            Assert.Contains(title, await GetAsync(w.AsReader, "/cases"));
            Assert.Contains(title, await GetAsync(client, "/cases"));
            await transaction.CommitAsync();
        }

        Assert.DoesNotContain(title, await GetAsync(w.AsReader, "/cases"));
        Assert.DoesNotContain(title, await GetAsync(client, "/cases"));
    }
}
