using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.RegularExpressions;
using RisingGoal.Community.Infrastructure.Content;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Pages;

/// <summary>Front matter of content/pages/&lt;slug&gt;.&lt;lang&gt;.md.</summary>
public sealed class PageFile
{
    public string? Title { get; set; }
    public string? Description { get; set; }
}

/// <summary>A rendered editorial page, ready to show.</summary>
public sealed record ContentPage(string Slug, string Language, string Title, string Description, SafeHtml Html);

/// <summary>
/// Editorial pages (about, guidelines...) from content/pages, one file per language (<c>about.fr.md</c>,
/// <c>about.en.md</c>). Each page is read and rendered once, then kept in memory: content does not change while the
/// app runs. A language without its own file falls back to French.
/// </summary>
public sealed partial class ContentPages
{
    public const string DefaultLanguage = "fr";

    private readonly Lazy<IReadOnlyDictionary<(string Slug, string Language), ContentPage>> _pages;

    public ContentPages(ContentLibrary content, MarkdownRenderer renderer, ILogger<ContentPages> logger) =>
        _pages = new Lazy<IReadOnlyDictionary<(string, string), ContentPage>>(() => LoadAll(content, renderer, logger));

    /// <summary>The page in the language asked for, else in French; null when it does not exist (or is invalid).</summary>
    public ContentPage? Find(string slug, string language) =>
        _pages.Value.GetValueOrDefault((slug, language)) ?? _pages.Value.GetValueOrDefault((slug, DefaultLanguage));

    /// <summary>The slugs of every page (any language), for the sitemap.</summary>
    public IReadOnlyList<string> AllSlugs() => _pages.Value.Keys.Select(k => k.Item1).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads and renders every page once (a handful of files); unknown slugs never grow the cache.</summary>
    private static Dictionary<(string, string), ContentPage> LoadAll(ContentLibrary content, MarkdownRenderer renderer, ILogger logger)
    {
        var pages = new Dictionary<(string, string), ContentPage>();
        var set = content.Read<PageFile>("pages");
        foreach (var error in set.Errors)
            logger.LogError("Content page skipped {File}: {Problem}", error.FileName, error.Message);
        foreach (var document in set.Documents)
        {
            var name = FileName().Match(Path.GetFileName(document.FileName));
            if (!name.Success)
                logger.LogError("Content page skipped {File}: the name must be <slug>.<fr|en>.md", document.FileName);
            else if (string.IsNullOrWhiteSpace(document.Meta.Title))
                logger.LogError("Content page skipped {File}: title is required", document.FileName);
            else
            {
                var (slug, language) = (name.Groups["slug"].Value, name.Groups["lang"].Value);
                var html = SafeHtml.From(renderer.Render(document.Body));
                pages[(slug, language)] = new ContentPage(slug, language, document.Meta.Title.Trim(),
                    document.Meta.Description?.Trim() ?? "", html);
            }
        }
        return pages;
    }

    [GeneratedRegex("^(?<slug>[a-z0-9]+(-[a-z0-9]+)*)\\.(?<lang>fr|en)\\.md$", RegexOptions.NonBacktracking)]
    private static partial Regex FileName();
}

public static class PagesFeature
{
    /// <summary>/pages/{slug}: editorial pages read from content/pages.</summary>
    public static IServiceCollection AddContentPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContentLibrary(configuration);
        services.TryAddSingleton<MarkdownRenderer>();   // other features may register it too
        services.AddSingleton<ContentPages>();
        return services;
    }
}
