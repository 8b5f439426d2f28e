using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Infrastructure.Web;

public static class WebSetup
{
    /// <summary>The memory budget of the views' <c>&lt;cache&gt;</c> fragments (the page caches have their own).</summary>
    public const long FragmentBudgetBytes = 16L * 1024 * 1024;

    /// <summary>Razor Pages rooted at /Features, localisation of views and validation, antiforgery and health checks.</summary>
    public static IServiceCollection AddCommunityWeb(this IServiceCollection services)
    {
        // Razor Pages validate the antiforgery token on every POST by default; nothing opts out except error pages.
        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o => o.AddControlCharacterStripping())   // no NUL or other control character from any form field
            .AddMvcOptions(o => o.Filters.Add<UnknownHandlerFilter>())   // a made-up handler is a 404/405, not a page without its data
            .AddMvcOptions(o => o.ModelMetadataDetailsProviders.Add(new ImplicitRequired()))   // after DataAnnotations' own: an explicit [Required] wins
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (type, factory) =>
                    ImplicitRequired.WithSharedFallback(factory.Create(FeatureStrings.For(type)), factory.Create(typeof(Features.Strings))));
        // The <cache> fragments (list rows, a discussion page's replies) are a render shortcut under the page caches, not a
        // store of their own: 100 MB by default, counted in UTF-16 bytes, they were 37 of a member run's 63 MB of live
        // heap, mostly copies keyed by read models already refreshed (bench/results/2026-12-03-memory.md).
        services.Configure<Microsoft.AspNetCore.Mvc.TagHelpers.CacheTagHelperOptions>(o => o.SizeLimit = FragmentBudgetBytes);
        // French text is written as UTF-8, not as &#xE9; entities (markup characters are still encoded).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.Configure<RouteOptions>(o => { o.LowercaseUrls = true; o.AppendTrailingSlash = false; });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "rg.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (production, behind TLS or a proxy with forwarded headers).
            // "Always" would make antiforgery throw on every plain-HTTP request, e.g. a health probe or a local benchmark.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        MaskedAntiforgery.Decorate(services);   // tokens minted once per cookie and member, masked per response
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<CacheHealthCheck>("caches");
        services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
        return services;
    }
}

internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        // "/healthz?detail" from anywhere but the machine itself: the plain status, as the load balancer reads it.
        if (!context.Request.Query.ContainsKey("detail") || !HealthDetail.Allowed(context)) return context.Response.WriteAsync(report.Status.ToString());
        // "/healthz?detail": one line per check and counter (cache budget, hits, misses, evictions).
        var lines = new List<string> { report.Status.ToString() };
        foreach (var (name, entry) in report.Entries)
        {
            lines.Add($"{name}: {entry.Status}");
            lines.AddRange(entry.Data.Select(d => $"  {d.Key}: {d.Value}"));
        }
        return context.Response.WriteAsync(string.Join('\n', lines) + "\n");
    }
}
