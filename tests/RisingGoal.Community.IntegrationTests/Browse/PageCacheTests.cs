using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>The output cache (on here; off in Development by default): anonymous readers only, evicted by tag on writes.</summary>
public sealed class PageCacheTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    /// <summary>Set before any test of the class builds the host.</summary>
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    private static async Task<(HttpResponseMessage Response, string Html)> RawGetAsync(HttpClient client, string url,
        string? cookie = null, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (encoding is not null) request.Headers.Add("Accept-Encoding", encoding);
        var response = await client.SendAsync(request);
        return (response, encoding is null ? await response.Content.ReadAsStringAsync() : "");
    }

    /// <summary>Anonymous requests carry no cookie jar (a member's requests go through their own signed-in client).</summary>
    private static readonly WebApplicationFactoryClientOptions NoCookies = new() { HandleCookies = false };

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task Anonymous_pages_are_cached_and_a_write_evicts_the_pages_showing_the_case_but_not_the_others()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await _app.Seed(A.Member().Named("Auteur Cache").JoinedAt(now));
        await _app.Seed(A.Case().By(author).Titled("Cas ancien").PublishedAt(now.AddHours(-3)).Tagged("apparent-alignment", "ambition-vs-execution"));
        var client = _app.CreateClient(NoCookies);

        string[] urls = ["/cases", "/", "/tensions/ambition-vs-execution", "/tensions/framework-vs-culture", "/feeds/cases.atom"];
        foreach (var url in urls) Assert.False(FromCache((await RawGetAsync(client, url)).Response), $"{url}: first read");
        foreach (var url in urls) Assert.True(FromCache((await RawGetAsync(client, url)).Response), $"{url}: second read");

        await _app.Seed(A.Case().By(author).Titled("Cas tout neuf").PublishedAt(now.AddMinutes(-1)).Tagged("apparent-alignment", "ambition-vs-execution"));

        var (cases, html) = await RawGetAsync(client, "/cases");
        Assert.False(FromCache(cases));
        Assert.Contains("Cas tout neuf", html);
        Assert.Contains("Cas tout neuf", (await RawGetAsync(client, "/")).Html);
        Assert.Contains("Cas tout neuf", (await RawGetAsync(client, "/tensions/ambition-vs-execution")).Html);
        Assert.Contains("Cas tout neuf", (await RawGetAsync(client, "/feeds/cases.atom")).Html);
        // A tension the new case does not carry keeps its entry.
        Assert.True(FromCache((await RawGetAsync(client, "/tensions/framework-vs-culture")).Response));
    }

    [Fact]
    public async Task Members_and_cookie_bearing_requests_never_read_nor_fill_the_cache_and_members_only_cases_never_leak()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await _app.Seed(A.Member().Named("Auteur Réservé").JoinedAt(now));
        await _app.Seed(A.Case().By(author).Titled("Cas réservé aux membres").PublishedAt(now.AddHours(-1)).Tagged("invisible-trade-offs", "delivery-vs-scalability")
            .Visible(CaseVisibility.MembersOnly));
        var client = _app.CreateClient(NoCookies);
        var signedIn = (await _app.SignedInAs(author)).Http;

        for (var i = 0; i < 2; i++)
        {
            var (member, memberHtml) = await RawGetAsync(signedIn, "/tensions/delivery-vs-scalability");
            Assert.False(FromCache(member));
            Assert.Contains("Cas réservé aux membres", memberHtml);
        }
        var (anonymous, anonymousHtml) = await RawGetAsync(client, "/tensions/delivery-vs-scalability");
        Assert.False(FromCache(anonymous));
        Assert.DoesNotContain("Cas réservé aux membres", anonymousHtml);
        Assert.True(FromCache((await RawGetAsync(client, "/tensions/delivery-vs-scalability")).Response));
        // A cached anonymous page is not served to a member, nor to a request with a cookie.
        Assert.Contains("Cas réservé aux membres", (await RawGetAsync(signedIn, "/tensions/delivery-vs-scalability")).Html);
        Assert.False(FromCache((await RawGetAsync(client, "/tensions/delivery-vs-scalability", cookie: ".rg.culture=c%3Den%7Cuic%3Den")).Response));
        // Cached anonymous pages carry no antiforgery token and set no cookie.
        var (page, pageHtml) = await RawGetAsync(client, "/tensions/delivery-vs-scalability");
        Assert.DoesNotContain("__RequestVerificationToken", pageHtml);
        Assert.False(page.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Html_is_compressed_when_the_client_accepts_it()
    {
        var client = _app.CreateClient(NoCookies);
        var (br, _) = await RawGetAsync(client, "/", encoding: "br");
        var (gzip, _) = await RawGetAsync(client, "/", encoding: "gzip");

        Assert.Equal(HttpStatusCode.OK, br.StatusCode);
        Assert.Equal("br", br.Content.Headers.ContentEncoding.Single());
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task A_cached_page_is_kept_compressed_per_encoding_and_a_write_evicts_every_encoding()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await _app.Seed(A.Member().Named("Auteur Compressé").JoinedAt(now));
        await _app.Seed(A.Case().By(author).Titled("Cas compressé").PublishedAt(now.AddHours(-2)).Tagged("invisible-trade-offs", "framework-vs-culture"));
        var client = _app.CreateClient(NoCookies);
        const string url = "/tensions/framework-vs-culture";

        // Two wordings of "brotli welcome" share one entry, kept compressed; gzip and no encoding have their own.
        var metrics = _app.Services.GetRequiredService<CacheMetrics>();
        var storedBefore = (long)metrics.Snapshot()["page.bytesStored"];
        var first = await CompressedGetAsync(client, url, "gzip, deflate, br, zstd");
        Assert.False(first.FromCache);
        var stored = (long)metrics.Snapshot()["page.bytesStored"] - storedBefore;
        Assert.InRange(stored, 1, Encoding.UTF8.GetByteCount(first.Html) / 2);
        var again = await CompressedGetAsync(client, url, "br, gzip");
        Assert.True(again.FromCache);
        Assert.Equal("br", again.Encoding);
        Assert.Equal(first.Html, again.Html);
        Assert.Contains("Cas compressé", again.Html);
        Assert.False((await CompressedGetAsync(client, url, "gzip")).FromCache);
        var gzip = await CompressedGetAsync(client, url, "gzip");
        Assert.True(gzip.FromCache);
        Assert.Equal("gzip", gzip.Encoding);
        var (plain, plainHtml) = await RawGetAsync(client, url);
        Assert.False(FromCache(plain));
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(first.Html, plainHtml);

        await _app.Seed(A.Case().By(author).Titled("Cas neuf compressé").PublishedAt(now.AddMinutes(-1)).Tagged("invisible-trade-offs", "framework-vs-culture"));

        foreach (var encoding in new[] { "br", "gzip" })
        {
            var after = await CompressedGetAsync(client, url, encoding);
            Assert.False(after.FromCache, encoding);
            Assert.Contains("Cas neuf compressé", after.Html);
        }
        Assert.Contains("Cas neuf compressé", (await RawGetAsync(client, url)).Html);
    }

    private static async Task<(bool FromCache, string Encoding, string Html)> CompressedGetAsync(HttpClient client, string url, string acceptEncoding)
    {
        var (response, _) = await RawGetAsync(client, url, encoding: acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoding = response.Content.Headers.ContentEncoding.Single();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decompressed = encoding == "br"
            ? new System.IO.Compression.BrotliStream(body, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(body, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decompressed);
        return (FromCache(response), encoding, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_cached_page_is_never_answered_not_modified_from_a_date()
    {
        var client = _app.CreateClient(NoCookies);
        await RawGetAsync(client, "/cases");
        Assert.True(FromCache((await RawGetAsync(client, "/cases")).Response));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
        request.Headers.IfModifiedSince = _app.Clock.GetUtcNow().AddDays(1);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.LastModified);
    }
}
