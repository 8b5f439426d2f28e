using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>Rendered, sanitised HTML plus the pipeline version that produced it (stored together, re-rendered when it changes).</summary>
public sealed record RenderedMarkdown(string Html, int RendererVersion);

/// <summary>
/// Markdown → HTML for everything members write (and for our own content pages). Thread-safe: one instance for the app.
/// </summary>
/// <remarks>
/// Layers, each of which would be enough on its own for most attacks:
/// <list type="number">
/// <item>Markdig with a deliberate set of extensions (pipe tables, task lists, autolinks, emphasis extras, footnotes);
/// raw HTML is disabled (shown as text) and the generic-attributes extension (<c>{onclick=...}</c>) is NOT enabled.</item>
/// <item>A nesting guard: a cheap scan of line prefixes (and Markdig's own depth limit) refuses bodies nested
/// absurdly deep; those come out as escaped plain text instead of risking a stack overflow.</item>
/// <item>HtmlSanitizer with an allowlist of tags, attributes and URL schemes (http, https, mailto), no CSS at all,
/// and a post-pass that keeps only disabled task-list checkboxes, Markdig's own classes and footnote ids.</item>
/// </list>
/// Links get <c>rel="nofollow ugc noopener"</c>. Headings are shifted so that the top-most heading of a body is an
/// h2: a post never outranks the page's h1, and no level is skipped because of the shift.
/// </remarks>
public sealed class MarkdownRenderer
{
    /// <summary>Bump when the pipeline or the allowlist changes, so stored HTML can be re-rendered.</summary>
    public const int Version = 2;

    /// <summary>Deeper than this (block quotes + list levels on one line) is not a sensible post: rendered as plain text.</summary>
    public const int MaxNestingDepth = 32;

    private const string LinkRel = "nofollow ugc noopener";

    private static readonly HashSet<string> MarkdigClasses = new(StringComparer.Ordinal)
    {
        "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref", "footnote-back-ref",
    };

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()                  // raw HTML is shown as text, never trusted
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string? markdown)
    {
        var source = markdown ?? "";
        if (IsTooDeep(source))
            return new RenderedMarkdown(AsEscapedText(source), Version);

        string html;
        try
        {
            html = RenderTrusted(source);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit ("too deeply nested", e.g. emphasis or images nested inside a paragraph,
            // which line prefixes do not show): same fallback as our pre-scan.
            return new RenderedMarkdown(AsEscapedText(source), Version);
        }
        return new RenderedMarkdown(_sanitizer.Sanitize(html), Version);
    }

    /// <summary>Markdig's output before sanitising (raw HTML disabled already).</summary>
    private string RenderTrusted(string source)
    {
        var document = Markdown.Parse(source, _pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        var shift = headings.Count == 0 ? 0 : 2 - headings.Min(h => h.Level);
        foreach (var heading in headings)
            heading.Level = Math.Clamp(heading.Level + shift, 2, 6);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage))
            link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);
        foreach (var link in document.Descendants<AutolinkInline>())
            link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Plain text (no markup) for summaries, e-mails and search snippets.</summary>
    public string ToPlainText(string? markdown)
    {
        var source = markdown ?? "";
        if (IsTooDeep(source))
            return source.Trim();
        try
        {
            return Markdown.ToPlainText(source, _pipeline).Trim();
        }
        catch (ArgumentException)
        {
            return source.Trim();
        }
    }

    /// <summary>
    /// Cheap guard run before Markdig: the deepest block nesting a single line opens, counting block-quote markers,
    /// list markers and the indentation in front of a marker (every 2 columns may open a list level).
    /// </summary>
    internal static bool IsTooDeep(string source)
    {
        var depth = 0;
        var column = 0;
        var atLineStart = true;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                depth = 0;
                column = 0;
                atLineStart = true;
                continue;
            }
            if (!atLineStart)
                continue;
            switch (c)
            {
                case ' ':
                    column++;
                    break;
                case '\t':
                    column += 4;
                    break;
                case '\r':
                    break;
                case '>':
                    depth++;
                    break;
                case '-' or '*' or '+' when i + 1 >= source.Length || source[i + 1] is ' ' or '\t':
                    depth++;
                    break;
                case >= '0' and <= '9':
                    var j = i;
                    while (j < source.Length && j - i < 9 && char.IsAsciiDigit(source[j])) j++;
                    if (j < source.Length && source[j] is '.' or ')')
                    {
                        depth++;
                        i = j;
                    }
                    else
                        atLineStart = false;
                    break;
                default:
                    atLineStart = false;
                    break;
            }
            // Indentation only counts in front of a marker: deeply indented code or text opens nothing.
            if (atLineStart && c is not (' ' or '\t' or '\r') && depth + column / 2 > MaxNestingDepth)
                return true;
        }
        return false;
    }

    private static string AsEscapedText(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n').Select(WebUtility.HtmlEncode);
        return "<p class=\"markdown-fallback\">" + string.Join("<br>\n", lines) + "</p>";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
                "ul", "ol", "li", "blockquote", "pre", "code", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
                "input", "div", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "rel", "title", "src", "alt", "type", "checked", "disabled", "id", "class", "start",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(MarkdigClasses, StringComparer.Ordinal),
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element)
                return;
            // Only the disabled checkboxes Markdig renders for task lists survive as inputs.
            if (element is IHtmlInputElement input && (input.Type != "checkbox" || !input.HasAttribute("disabled")))
            {
                input.Remove();
                return;
            }
            // type/checked/disabled only mean something on those checkboxes; start only on ordered lists.
            if (element is not IHtmlInputElement)
                foreach (var name in new[] { "type", "checked", "disabled" })
                    element.RemoveAttribute(name);
            if (element is not IHtmlOrderedListElement)
                element.RemoveAttribute("start");
            // Footnote anchors are the only ids Markdig produces; nothing else may claim an id on the page.
            if (element.GetAttribute("id") is { } id && !(id.StartsWith("fn:", StringComparison.Ordinal) || id.StartsWith("fnref:", StringComparison.Ordinal)))
                element.RemoveAttribute("id");
            if (element is IHtmlAnchorElement anchor && anchor.HasAttribute("href") &&
                !(anchor.GetAttribute("href") ?? "").StartsWith('#'))
                anchor.SetAttribute("rel", LinkRel);
        };
        return sanitizer;
    }
}
