using RisingGoal.Community.Infrastructure.Web;
using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Pages;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Feeds;

/// <summary>
/// Atom feeds (all cases, per tension, per drift type), sitemap.xml and robots.txt. Feeds carry only cases an
/// anonymous reader may see (published, public), under their pseudonym or the author's display name.
/// </summary>
public static class FeedEndpoints
{
    public const int FeedSize = 30;

    public static IServiceCollection AddFeeds(this IServiceCollection services) => services.AddSingleton<SiteUrls>().AddSingleton<FeedUpdates>();

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/cases.atom", (HttpContext http, CancellationToken ct) => FeedAsync(http, null, null, ct)).CacheOutput(PageCache.Policy);
        app.MapGet("/feeds/tensions/{slug}.atom", (HttpContext http, string slug, CancellationToken ct) => FeedAsync(http, TagKind.Tension, slug, ct)).CacheOutput(PageCache.Policy);
        app.MapGet("/feeds/drifts/{slug}.atom", (HttpContext http, string slug, CancellationToken ct) => FeedAsync(http, TagKind.DriftType, slug, ct)).CacheOutput(PageCache.Policy);
        app.MapGet("/sitemap.xml", SitemapAsync);
        app.MapGet("/robots.txt", Robots);
        return app;
    }

    private sealed record Entry(int Id, string Slug, string Title, string Summary, Byline By, DateTime? PublishedUtc, DateTime UpdatedUtc, string Language);

    private sealed record FeedBytes(byte[] Bytes, string CacheTag);

    /// <summary>
    /// Feeds show the public cases only, the same to every reader: the bytes are kept in <see cref="CaseReadCache"/> for
    /// readers the page cache does not serve (feed readers sending cookies, members).
    /// </summary>
    private static async Task<IResult> FeedAsync(HttpContext http, TagKind? kind, string? slug, CancellationToken ct)
    {
        var baseUrl = http.RequestServices.GetRequiredService<SiteUrls>().Base(http.Request);
        var key = $"feed:{kind}:{slug}:{CultureInfo.CurrentUICulture.Name}:{baseUrl}";
        var feed = await http.RequestServices.GetRequiredService<CaseReadCache>().GetOrComputeAsync(key, () => BuildFeedAsync(http, kind, slug, baseUrl, ct),
            bytes => bytes is null ? 1 : bytes.Bytes.Length / 1024 + 1, visitorsView: true);   // public cases only, whoever reads
        if (feed is null) return Results.NotFound();
        PageCache.Tag(http, feed.CacheTag);
        return Conditional(http, feed.Bytes, "application/atom+xml; charset=utf-8");
    }

    private static async Task<FeedBytes?> BuildFeedAsync(HttpContext http, TagKind? kind, string? slug, string baseUrl, CancellationToken ct)
    {
        var services = http.RequestServices;
        var db = services.GetRequiredService<CommunityDbContext>();
        var l = services.GetRequiredService<IStringLocalizer<Strings>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var culture = CultureInfo.CurrentUICulture;

        var cases = db.Set<Case>().AsNoTracking().VisibleTo(signedIn: false, now);
        string title, selfPath, htmlPath, cacheTag;
        if (kind is { } k)
        {
            var tag = await db.Set<Tag>().AsNoTracking().FirstOrDefaultAsync(t => t.Kind == k && t.Slug == slug, ct);
            if (tag is null) return null;
            cases = cases.WithTag(tag.Id);
            cacheTag = CaseCacheTags.Tag(tag.Id);
            title = l["Rising Goal Community: {0}", tag.Name(culture)];
            selfPath = $"/feeds/{(k == TagKind.Tension ? "tensions" : "drifts")}/{tag.Slug}.atom";
            htmlPath = CaseUrls.Tag(k, tag.Slug);
        }
        else
        {
            title = l["Rising Goal Community: latest cases"];
            cacheTag = CaseCacheTags.Lists;
            selfPath = "/feeds/cases.atom";
            htmlPath = "/cases";
        }

        var members = db.Set<Member>();
        var entries = await cases
            .OrderByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id)
            .Take(FeedSize)
            .Select(c => new Entry(c.Id, c.Slug, c.Title, c.Summary, Bylines.ForCase(new CaseAuthorship(null, c.Pseudonym),
                    c.Pseudonym == null ? members.Where(m => m.Id == c.AuthorId).Select(m => m.DisplayName).FirstOrDefault() : null),
                c.PublishedUtc, c.UpdatedUtc, c.Language))
            .ToListAsync(ct);
        // Stored text may hold characters XML forbids (stored before binding stripped them, or by an import): never a failed feed.
        entries = entries.Select(e => e with
        {
            Title = ControlCharacters.ForXml(e.Title), Summary = ControlCharacters.ForXml(e.Summary),
            By = e.By with { Name = e.By.Name is null ? null : ControlCharacters.ForXml(e.By.Name) },
        }).ToList();
        title = ControlCharacters.ForXml(title);

        var newest = entries.Count == 0 ? DateTime.UnixEpoch : entries.Max(e => e.UpdatedUtc > (e.PublishedUtc ?? e.UpdatedUtc) ? e.UpdatedUtc : e.PublishedUtc ?? e.UpdatedUtc);
        var updated = services.GetRequiredService<FeedUpdates>().Of($"{kind}:{slug}",
            entries.Select(e => string.Join('\u001e', e.Id, e.Slug, e.Title, e.Summary, e.By.Name, e.PublishedUtc?.Ticks, e.UpdatedUtc.Ticks, e.Language)), newest);
        var feed = new SyndicationFeed(title, l["Real cases of false alignment shared by practitioners."], new Uri(baseUrl + htmlPath))
        {
            Id = baseUrl + selfPath,
            LastUpdatedTime = new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)),
            Language = culture.TwoLetterISOLanguageName,
        };
        feed.Links.Add(new SyndicationLink(new Uri(baseUrl + selfPath), "self", title, "application/atom+xml", 0));
        feed.Items = entries.Select(e =>
        {
            var url = baseUrl + CaseUrls.Read(e.Id, e.Slug);
            // The entry's id is the case's address without its slug: readers key what they keep by it, so it never
            // changes. With the slug it spelled the title, and a redaction made readers keep the old title beside a
            // "new" entry (Privacy/Metadata/FeedEntryIdTests). The address answers with a redirect to the case.
            var id = baseUrl + "/cases/" + e.Id.ToString(CultureInfo.InvariantCulture);
            var item = new SyndicationItem(e.Title, new TextSyndicationContent(e.Summary), new Uri(url), id,
                new DateTimeOffset(DateTime.SpecifyKind(e.UpdatedUtc, DateTimeKind.Utc)))
            {
                Summary = new TextSyndicationContent(e.Summary),
                PublishDate = e.PublishedUtc is { } p ? new DateTimeOffset(DateTime.SpecifyKind(p, DateTimeKind.Utc)) : default,
            };
            item.Content = null;
            // The entry is in the case's language, which may not be the feed's.
            if (e.Language != feed.Language) item.AttributeExtensions.Add(new XmlQualifiedName("lang", "http://www.w3.org/XML/1998/namespace"), e.Language);
            item.Authors.Add(new SyndicationPerson { Name = e.By.Name ?? l["A former member"] });
            return item;
        }).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            feed.SaveAsAtom10(writer);
        return new FeedBytes(buffer.ToArray(), cacheTag);
    }

    /// <summary>
    /// ETag (hash of the bytes): a matching If-None-Match gets 304. No Last-Modified, and If-Modified-Since is not
    /// answered: drawn from the entries, the date did not move when a case left the feed (hidden, made members-only,
    /// an author erased), so a reader revalidating with it was told to keep the hidden case, and a proxy could keep the
    /// feed unasked for a tenth of that date's age (heuristic freshness).
    /// </summary>
    private static IResult Conditional(HttpContext http, byte[] bytes, string contentType)
    {
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..20]}\"");
        http.Response.GetTypedHeaders().ETag = etag;
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        var notModified = http.Request.GetTypedHeaders().IfNoneMatch
            .Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return notModified ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bytes, contentType);
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, CommunityDbContext db, SiteUrls urls, ContentPages pages, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var baseUrl = urls.Base(http.Request);
        var cases = await db.Set<Case>().AsNoTracking().VisibleTo(signedIn: false, now)
            .OrderByDescending(c => c.PublishedUtc).ThenByDescending(c => c.Id)
            .Take(45000)
            .Select(c => new { c.Id, c.Slug, c.UpdatedUtc, c.LastActivityUtc })
            .ToListAsync(ct);
        var tags = await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null && (t.Kind == TagKind.Tension || t.Kind == TagKind.DriftType))
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).Select(t => new { t.Kind, t.Slug }).ToListAsync(ct);

        const string ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", ns);
            void Url(string path, DateTime? lastModified)
            {
                xml.WriteStartElement("url", ns);
                xml.WriteElementString("loc", ns, baseUrl + path);
                if (lastModified is { } lm) xml.WriteElementString("lastmod", ns, lm.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            Url("/", null);
            Url("/cases", null);
            Url("/tags", null);
            foreach (var tag in tags) Url(CaseUrls.Tag(tag.Kind, tag.Slug), null);
            foreach (var slug in pages.AllSlugs()) Url($"/pages/{slug}", null);
            foreach (var c in cases) Url(CaseUrls.Read(c.Id, c.Slug), c.LastActivityUtc > c.UpdatedUtc ? c.LastActivityUtc : c.UpdatedUtc);
            xml.WriteEndElement();
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }

    private static IResult Robots(HttpContext http, SiteUrls urls) => Results.Text(
        $"""
        User-agent: *
        {string.Join("\n", HeadMeta.PrivateAreas.Select(area => "Disallow: " + area))}

        Sitemap: {urls.Base(http.Request)}/sitemap.xml

        """, "text/plain; charset=utf-8");
}
