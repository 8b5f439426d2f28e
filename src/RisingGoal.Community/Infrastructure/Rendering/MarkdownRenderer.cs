using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>Rendered, sanitised HTML plus the pipeline version that produced it (stored together, re-rendered when it changes).</summary>
public sealed record RenderedMarkdown(string Html, int RendererVersion);

/// <summary>
/// Markdown → HTML for everything members write. Raw HTML in the source is disabled, the result goes through an
/// allowlist sanitiser, links get rel="nofollow ugc noopener", and headings are shifted down so a post never
/// outranks the page's own h1. Thread-safe: one instance for the app.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>Bump when the pipeline or the allowlist changes, so stored HTML can be re-rendered.</summary>
    public const int Version = 1;

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()                  // raw HTML is shown as text, never trusted
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseListExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string? markdown)
    {
        var source = markdown ?? "";
        var document = Markdown.Parse(source, _pipeline);
        foreach (var node in document.Descendants())
        {
            if (node is HeadingBlock heading)
                heading.Level = Math.Min(heading.Level + 1, 6);           // the page owns h1
            else if (node is LinkInline { IsImage: false } link)
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new RenderedMarkdown(_sanitizer.Sanitize(writer.ToString()), Version);
    }

    /// <summary>Plain text (no markup) for summaries, e-mails and search snippets.</summary>
    public string ToPlainText(string? markdown) => Markdown.ToPlainText(markdown ?? "", _pipeline).Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "del", "s", "ins", "mark", "sub", "sup",
                "ul", "ol", "li", "blockquote", "pre", "code", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                "input", "section", "div", "span", "dl", "dt", "dd", "abbr", "figure", "figcaption",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "rel", "title", "src", "alt", "colspan", "rowspan", "align", "type", "checked", "disabled", "id", "class", "start",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        var sanitizer = new HtmlSanitizer(options);
        // Only the disabled checkboxes Markdig renders for task lists survive as inputs.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlInputElement input &&
                (input.Type != "checkbox" || !input.HasAttribute("disabled")))
                input.Remove();
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && anchor.HasAttribute("href") &&
                !(anchor.GetAttribute("href") ?? "").StartsWith('#'))
                anchor.SetAttribute("rel", "nofollow ugc noopener");
        };
        return sanitizer;
    }
}
