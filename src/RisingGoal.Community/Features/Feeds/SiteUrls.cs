namespace RisingGoal.Community.Features.Feeds;

/// <summary>Absolute URLs from <c>Community:PublicBaseUrl</c> (else the request's own host).</summary>
public sealed class SiteUrls(IConfiguration configuration)
{
    public string Base(HttpRequest request) =>
        (configuration["Community:PublicBaseUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}")
        .TrimEnd('/');

    public string Absolute(HttpRequest request, string path) => Base(request) + path;
}

/// <summary>
/// What the layout puts in the head of a page, derived from its path so the pages of other features need no change:
/// canonical URL (path without query), Open Graph type, the Atom feed to advertise, and whether search engines keep out.
/// </summary>
public static class HeadMeta
{
    public sealed record FeedLink(string Href, string Kind, string? Slug);

    /// <summary>
    /// Areas search engines must leave alone: robots.txt disallows them and their pages say noindex (a disallowed URL
    /// linked from elsewhere can still be indexed; the tag is what keeps it out). The composer is for members only.
    /// </summary>
    public static readonly IReadOnlyList<string> PrivateAreas = ["/moderation", "/account", "/admin", "/search", "/flag", "/culture", "/cases/new"];

    public static bool NoIndex(string path) =>
        PrivateAreas.Any(area => path.StartsWith(area, StringComparison.OrdinalIgnoreCase) && (path.Length == area.Length || path[area.Length] == '/'));

    public static string OgType(string path) =>
        path.StartsWith("/cases/", StringComparison.Ordinal) && path.Length > 7 && char.IsDigit(path[7]) ? "article" : "website";

    /// <summary>The all-cases feed everywhere; a tension or drift page also advertises its own feed first.</summary>
    public static IReadOnlyList<FeedLink> Feeds(string path)
    {
        var links = new List<FeedLink>();
        var parts = path.Trim('/').Split('/');
        if (parts.Length == 2 && parts[0] is "tensions" or "drifts" && parts[1].Length > 0 && !parts[1].Contains('.'))
            links.Add(new FeedLink($"/feeds/{parts[0]}/{Uri.EscapeDataString(parts[1])}.atom", parts[0], parts[1]));
        links.Add(new FeedLink("/feeds/cases.atom", "cases", null));
        return links;
    }
}
