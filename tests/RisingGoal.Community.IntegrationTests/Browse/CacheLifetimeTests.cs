using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// One lifetime, end to end: when an eviction is missed (a write by another instance whose notification was lost),
/// a visitor sees the new state no later than one <c>Caching:Seconds</c> after the data was read, although three
/// caches stack (read model, cached replies fragment, anonymous page). Own fixture: the test moves the clock.
/// </summary>
public sealed class CacheLifetimeTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private static readonly WebApplicationFactoryClientOptions NoCookies = new() { HandleCookies = false };

    /// <summary>
    /// The page store, timed on the test clock: what the app asks for (validFor) is what it gets, measured in the
    /// same time as the read models (the framework's store ages entries on the wall clock, which a test cannot move).
    /// </summary>
    private sealed class ClockedStore(IOutputCacheStore inner, FakeTimeProvider clock) : IOutputCacheStore
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _expires = new();

        public ConcurrentQueue<TimeSpan> Stored { get; } = new();

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
            _expires.TryGetValue(key, out var expires) && expires > clock.GetUtcNow() ? await inner.GetAsync(key, cancellationToken) : null;

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Stored.Enqueue(validFor);
            _expires[key] = clock.GetUtcNow() + validFor;
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
    }

    private static async Task<string> GetAsync(HttpClient client, string url, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The app with caching on (30 s) and its page store timed on the test clock.</summary>
    private WebApplicationFactory<Program> ClockedApp(Action<ClockedStore> built) =>
        factory.With("Caching:Enabled", "true").With("Caching:Seconds", "30").WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var inner = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(inner);
            services.AddSingleton<IOutputCacheStore>(sp =>
            {
                // Under the app's own store (which counts and bounds lifetimes), as the framework's memory store is.
                var app = (CountingOutputCacheStore)inner.ImplementationFactory!(sp);
                var store = new ClockedStore(app.Inner, factory.Clock);
                built(store);
                return new CountingOutputCacheStore(store, sp.GetRequiredService<CacheMetrics>(), sp.GetRequiredService<CachingOptions>(), factory.Clock);
            });
        }));

    [Fact]
    public async Task A_missed_eviction_shows_no_later_than_one_lifetime_after_the_read_though_three_caches_stack()
    {
        ClockedStore? store = null;
        var app = ClockedApp(s => store = s);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Autrice Durée").JoinedAt(now.AddDays(-30)));
        var replier = await app.Seed(A.Member().Named("Répondant Durée").JoinedAt(now.AddDays(-30)));
        var @case = await app.Seed(A.Case().By(author).Titled("Titre lu au départ").PublishedAt(now.AddHours(-2)).Tagged("apparent-alignment"));
        var id = @case.Id;
        await app.Seed(A.Reply().On(id).By(replier).Saying("Réponse.").At(now.AddHours(-1)));
        var url = CaseUrls.Read(id, @case.Slug);
        var client = app.CreateClient(NoCookies);
        var generation = app.Services.GetRequiredService<CaseCache>().Generation;

        // t0: an anonymous reader with a cookie (no page cache) reads the case: read model and replies fragment cached.
        Assert.Contains("Titre lu au départ", await GetAsync(client, url, cookie: "seen=1"));

        // Another instance changes the case and its reply; its notification never arrives.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            await db.Set<Case>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, "Titre changé ailleurs"));
            await db.Set<Reply>().Where(r => r.CaseId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.BodyHtml, "<p>Réponse changée ailleurs.</p>"));
        }
        Assert.Equal(generation, app.Services.GetRequiredService<CaseCache>().Generation);

        // t0 + 23 s (before the last fifth of its life, when one reader refreshes it ahead): a visitor gets the page built
        // from the t0 read model (stale, as promised) and the page cache keeps it only for the 7 seconds that remain of
        // that read's lifetime, not for a lifetime of its own.
        factory.Clock.Advance(TimeSpan.FromSeconds(23));
        var stale = await GetAsync(client, url);
        Assert.Contains("Titre lu au départ", stale);
        Assert.Contains("<p>Réponse.</p>", stale);
        Assert.NotNull(store);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(store!.Stored));

        // t0 + 31 s: one lifetime after the read, every layer shows the new state (page, fragment, read model).
        factory.Clock.Advance(TimeSpan.FromSeconds(8));
        var fresh = await GetAsync(client, url);
        Assert.Contains("Titre changé ailleurs", fresh);
        Assert.Contains("Réponse changée ailleurs.", fresh);
        var withCookie = await GetAsync(client, url, cookie: "seen=1");
        Assert.Contains("Réponse changée ailleurs.", withCookie);
        Assert.DoesNotContain("<p>Réponse.</p>", withCookie);
    }

    /// <summary>
    /// A busy page never expires under its readers: in the last fifth of its life one request renders it again (with the
    /// read models it shows, as old) while the others keep the stored page. Seen through data changed behind the caches.
    /// </summary>
    [Fact]
    public async Task In_the_last_fifth_of_its_life_one_visitor_renders_the_page_again_and_the_others_keep_it()
    {
        ClockedStore? store = null;
        var app = ClockedApp(s => store = s);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Autrice Relève").JoinedAt(now.AddDays(-30)));
        var @case = await app.Seed(A.Case().By(author).Titled("Titre avant la relève").PublishedAt(now.AddHours(-2)).Tagged("apparent-alignment"));
        var id = @case.Id;
        var url = CaseUrls.Read(id, @case.Slug);
        var client = app.CreateClient(NoCookies);

        Assert.Contains("Titre avant la relève", await GetAsync(client, url));   // t0: rendered and stored for 30 s
        await app.Query(db => db.Set<Case>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, "Titre après la relève")));

        factory.Clock.Advance(TimeSpan.FromSeconds(23));                          // 7 s left: still served as stored
        Assert.Contains("Titre avant la relève", await GetAsync(client, url));
        Assert.Single(store!.Stored);

        factory.Clock.Advance(TimeSpan.FromSeconds(2));                           // 5 s left: one visitor renders it again
        Assert.Contains("Titre après la relève", await GetAsync(client, url));
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], store.Stored);
        Assert.Contains("Titre après la relève", await GetAsync(client, url));   // the next ones get the renewed page
        Assert.Equal(2, store.Stored.Count);
    }

    /// <summary>Only one request at a time renews a page; one that never stores it hands the renewal on after a timeout.</summary>
    [Fact]
    public async Task A_page_is_renewed_by_one_request_at_a_time()
    {
        var app = ClockedApp(_ => { });
        var pages = (CountingOutputCacheStore)app.Services.GetRequiredService<IOutputCacheStore>();
        await pages.SetAsync("renewal-test", [1, 2, 3], ["renewal-test"], TimeSpan.FromSeconds(30), CancellationToken.None);

        factory.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Null(await pages.GetAsync("renewal-test", CancellationToken.None));       // this one renders it again
        Assert.Equal([1, 2, 3], await pages.GetAsync("renewal-test", CancellationToken.None));   // the others keep it

        factory.Clock.Advance(CountingOutputCacheStore.RenewalTimeout);                 // the first never stored it
        Assert.Null(await pages.GetAsync("renewal-test", CancellationToken.None));
        Assert.Equal([1, 2, 3], await pages.GetAsync("renewal-test", CancellationToken.None));
    }

    /// <summary>
    /// "Members only until" a date is a change nobody writes: no eviction happens when the date passes. A page read just
    /// before it shows the case to visitors no later than one lifetime after that read, like any missed eviction.
    /// </summary>
    [Fact]
    public async Task A_members_only_case_whose_date_passes_reaches_visitors_within_one_lifetime_of_the_last_read()
    {
        var app = ClockedApp(_ => { });
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Autrice Réservée").JoinedAt(now.AddDays(-30)));
        var title = "Un cas réservé quelques minutes " + Guid.NewGuid().ToString("N")[..6];
        var @case = await app.Seed(A.Case().By(author).Titled(title).PublishedAt(now.AddHours(-1)).Tagged("apparent-alignment").Visible(CaseVisibility.MembersOnly));
        var id = @case.Id;
        var opens = now.AddMinutes(10);
        await app.Query(db => db.Set<Case>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MembersOnlyUntilUtc, opens)));
        var client = app.CreateClient(NoCookies);
        var url = CaseUrls.Read(id, @case.Slug);

        factory.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5));   // 5 s before the date
        Assert.DoesNotContain(title, await GetAsync(client, "/cases"));
        Assert.DoesNotContain(title, await GetAsync(client, "/drifts/apparent-alignment"));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromSeconds(31));                             // one lifetime after those reads
        Assert.Contains(title, await GetAsync(client, "/cases"));
        Assert.Contains(title, await GetAsync(client, "/drifts/apparent-alignment"));
        Assert.Contains(title, await GetAsync(client, url));
    }
}
