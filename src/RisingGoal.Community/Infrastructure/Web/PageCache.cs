using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>"Caching" section: one switch and one lifetime for the per-instance caches (pages, home matrix).</summary>
public sealed class CachingOptions
{
    /// <summary>Off in Development (appsettings.Development.json) so tests and edits see every write at once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an entry may live. Writes evict the entries they touch on the instance that made them; another
    /// instance behind the same load balancer may serve its copy until this runs out.
    /// </summary>
    [Range(1, 3600)] public int Seconds { get; set; } = 30;

    public TimeSpan Duration => TimeSpan.FromSeconds(Math.Clamp(Seconds, 1, 3600));

    /// <summary>
    /// A busy entry is renewed by one reader once less than this share of the lifetime remains (read models and pages
    /// alike), so that it never expires under its readers.
    /// </summary>
    public TimeSpan RefreshAhead => Duration / 5;
}

/// <summary>
/// Output cache for anonymous readers only, and response compression. A request with any cookie or an
/// Authorization header never reads nor fills the cache (a member, or someone with a language or antiforgery
/// cookie); a response that sets a cookie, is not a 200 or was produced for a signed-in user is never stored.
/// Entries vary by path, query, UI culture and the encoding the reader accepts, and carry tags (<see cref="Tag"/>)
/// that writes evict. Compression runs inside the cache (<c>UseResponseCompression</c> after <c>UseOutputCache</c>),
/// so a browser's hit is served already compressed: compressing on every hit made a cached case page cost 2.4 times
/// the CPU of the same page uncompressed (bench/results/2026-12-03-compressed-hits.md).
/// </summary>
public static class PageCache
{
    public const string Policy = "anonymous-pages";

    /// <summary>The page cache's memory budget (the shared read models have their own, <c>CaseReadCache.BudgetKiB</c>).</summary>
    public const long BudgetBytes = 64L * 1024 * 1024;

    /// <summary>Carried by every entry: evicting it empties the page cache (taxonomy or display-name changes).</summary>
    public const string AllPages = "pages";

    /// <summary>
    /// The only query keys a cached page reads (list filters, cursor, search). Others are ignored, so junk query
    /// strings neither vary nor fill the cache: the page they get is the canonical one.
    /// </summary>
    public static readonly string[] KnownQueryKeys = ["tension", "drift", "size", "sector", "stage", "role", "from", "to", "match", "sort", "after", "q", "page"];

    public static IServiceCollection AddPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CachingOptions>().Bind(configuration.GetSection("Caching")).ValidateDataAnnotations().ValidateOnStart();
        // One instance, shared by the caches (tests switch it at run time).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CachingOptions>>().Value);
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<CachingOptions>((o, options) =>
        {
            o.SizeLimit = BudgetBytes;
            o.MaximumBodySize = 1024 * 1024;
            o.DefaultExpirationTimeSpan = options.Duration;
            o.AddPolicy(Policy, new AnonymousReaderPolicy(options));
        });
        // The store, counted (/healthz?detail) and bounded by the age of each page's data: wraps whatever AddOutputCache registered.
        services.AddSingleton<CacheMetrics>();
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(store);
        services.AddSingleton<IOutputCacheStore>(sp => new CountingOutputCacheStore(
            (IOutputCacheStore)(store.ImplementationInstance ?? store.ImplementationFactory?.Invoke(sp)
                                ?? ActivatorUtilities.CreateInstance(sp, store.ImplementationType!)), sp.GetRequiredService<CacheMetrics>(), sp.GetRequiredService<CachingOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddResponseCompression(o =>
        {
            // HTML, feeds and JSON; static assets come precompressed from MapStaticAssets. Pages reflect no secret
            // next to attacker-chosen text for anonymous readers (no antiforgery token on cached pages).
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/atom+xml", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Adds eviction tags to the entry being produced for this request (no-op when it is not cached).</summary>
    public static void Tag(HttpContext http, params IEnumerable<string> tags)
    {
        if (http.Features.Get<IOutputCacheFeature>() is not { } feature) return;
        foreach (var tag in tags) feature.Context.Tags.Add(tag);
    }

    /// <summary>True when this request may read or fill the page cache: GET/HEAD without cookies or credentials.</summary>
    public static bool IsAnonymousRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Cookie.Count == 0
        && request.Headers.Authorization.Count == 0;

    private sealed class AnonymousReaderPolicy(CachingOptions options) : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // After authentication: a reader signed in by any scheme (not only the cookie) never touches the cache.
            var cacheable = options.Enabled && IsAnonymousRead(context.HttpContext.Request)
                && context.HttpContext.User.Identity?.IsAuthenticated != true;
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            // No locking: when an entry expires, every request renders the page from the shared read cache, which serves
            // its previous value while one reader refreshes it; with locking, all readers waited for that one refresh.
            context.AllowLocking = false;
            // Pages carry no Last-Modified; the cache would compare If-Modified-Since with a stored copy's Date (to the
            // second) and answer 304 to a reader holding a copy made in the same second as a removal.
            if (cacheable) context.HttpContext.Request.Headers.IfModifiedSince = default;
            context.ResponseExpirationTimeSpan = options.Duration;   // shortened at storage by the age of the data shown (CountingOutputCacheStore)
            context.CacheVaryByRules.QueryKeys = KnownQueryKeys;
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            // The compression middleware's own choice (br, gzip or none), not the raw header: browsers word it in many
            // ways, and an entry per wording would multiply the cache by them.
            var http = context.HttpContext;
            context.CacheVaryByRules.VaryByValues["encoding"] = cacheable
                && http.RequestServices.GetRequiredService<IResponseCompressionProvider>() is var compression
                && compression.CheckRequestAcceptsCompression(http)
                && compression.GetCompressionProvider(http) is { } provider ? provider.EncodingName : "identity";
            context.Tags.Add(AllPages);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            if (http.Response.StatusCode != StatusCodes.Status200OK
                || http.Response.Headers.SetCookie.Count > 0
                || http.User.Identity?.IsAuthenticated == true)
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
