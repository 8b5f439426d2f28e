using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Collections.Concurrent;
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
public sealed partial class ContentPages(ContentLibrary content, MarkdownRenderer renderer, ILogger<ContentPages> logger)
{
    public const string DefaultLanguage = "fr";

    private readonly ConcurrentDictionary<(string Slug, string Language), Lazy<ContentPage?>> _cache = new();

    /// <summary>The page in the language asked for, else in French; null when it does not exist (or is invalid).</summary>
    public ContentPage? Find(string slug, string language)
    {
        if (!SlugPattern().IsMatch(slug))
            return null;
        return Get(slug, language) ?? (language == DefaultLanguage ? null : Get(slug, DefaultLanguage));
    }

    private ContentPage? Get(string slug, string language) =>
        _cache.GetOrAdd((slug, language), key => new Lazy<ContentPage?>(() => Load(key.Slug, key.Language))).Value;

    private ContentPage? Load(string slug, string language)
    {
        var set = content.Read<PageFile>("pages", $"{slug}.{language}.md");
        foreach (var error in set.Errors)
            logger.LogError("Content page skipped {File}: {Problem}", error.FileName, error.Message);
        if (set.Documents.SingleOrDefault() is not { } document)
            return null;
        if (string.IsNullOrWhiteSpace(document.Meta.Title))
        {
            logger.LogError("Content page skipped {File}: title is required", document.FileName);
            return null;
        }
        var html = renderer.Render(document.Body).Html;
        return new ContentPage(slug, language, document.Meta.Title.Trim(), document.Meta.Description?.Trim() ?? "", new SafeHtml(html));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
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
