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
/// <item>One guard in front of every Markdig call (render, plain text, link counting): a length cap, a cheap scan of
/// line prefixes for absurd nesting, a cap on inline openers (unclosed links, code spans, emphasis runs make Markdig
/// superlinear) and Markdig's own depth limit, caught. Refused text comes out as escaped plain text when displayed,
/// and forms tell the member at the field (<see cref="TryRender"/>).</item>
/// <item>HtmlSanitizer with an allowlist of tags, attributes and URL schemes (http, https, mailto), no CSS at all,
/// and a post-pass that keeps only disabled task-list checkboxes, Markdig's own classes and footnote ids.</item>
/// </list>
/// Text gets French typography (<see cref="FrenchTypography"/>). Links get <c>rel="nofollow ugc noopener"</c>. Headings are shifted so that the top-most heading of a body is an
/// h2: a post never outranks the page's h1, and no level is skipped because of the shift.
/// </remarks>
public sealed class MarkdownRenderer
{
    /// <summary>Bump when the pipeline or the allowlist changes, so stored HTML can be re-rendered.</summary>
    public const int Version = 4;

    /// <summary>Deeper than this (block quotes + list levels on one line) is not a sensible post: rendered as plain text.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>
    /// Longer than this is never parsed (the longest field members may post is 40,000 characters; our own content
    /// pages are far shorter). Markdig's work grows faster than the length on some inputs, so the bound matters.
    /// </summary>
    public const int MaxSourceLength = 64_000;

    /// <summary>
    /// At most this many of each kind of inline opener per text. Long runs of unclosed links (<c>[a](</c>), images,
    /// code spans, emphasis and strike-through markers make Markdig's inline parser re-scan the rest of the paragraph
    /// for every opener; far fewer than a real post ever holds, and far below the counts that keep a core busy.
    /// </summary>
    public const int MaxOpenersPerKind = 2_000;

    private const string LinkRel = "nofollow ugc noopener";

    private static readonly HashSet<string> MarkdigClasses = new(StringComparer.Ordinal)
    {
        "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref", "footnote-back-ref",
    };

    /// <summary>The one pipeline: rendering, plain text and link counting all parse the same way.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()                  // raw HTML is shown as text, never trusted
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    // Built on the first render, not with the renderer: it costs a tenth of the start-up's main thread (AngleSharp's
    // CSS tables), and services built before the app listens (the stored-bodies check) hold a renderer they may never use.
    private readonly Lazy<HtmlSanitizer> _sanitizer = new(CreateSanitizer);

    /// <summary>
    /// Renders stored or trusted text: what the guard refuses comes out as escaped plain text (never an exception).
    /// Forms use <see cref="TryRender"/> instead, so the member is told at the field.
    /// </summary>
    public RenderedMarkdown Render(string? markdown) =>
        TryRender(markdown) ?? new RenderedMarkdown(AsEscapedText(markdown ?? ""), Version);

    /// <summary>The rendered HTML, or null when the text is too long, nested too deep or too costly to parse.</summary>
    public RenderedMarkdown? TryRender(string? markdown)
    {
        return TryGuarded(markdown ?? "", RenderTrusted, out var html) ? new RenderedMarkdown(_sanitizer.Value.Sanitize(html), Version) : null;
    }

    /// <summary>True when the text can be rendered as Markdown (what <see cref="TryRender"/> would accept), without rendering it.</summary>
    public static bool IsAcceptable(string? markdown) => Refuses(markdown ?? "") is false;

    /// <summary>Plain text (no markup) for summaries, e-mails and search snippets.</summary>
    public string ToPlainText(string? markdown)
    {
        var source = markdown ?? "";
        return (TryGuarded(source, s => Markdown.ToPlainText(s, Pipeline), out var text) ? text : source).Trim();
    }

    /// <summary>The links a text renders (explicit links and bare URLs), images excluded; 0 when the guard refuses it.</summary>
    public static int CountLinks(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return 0;
        return TryGuarded(markdown, s => Markdown.Parse(s, Pipeline).Descendants().Count(n => n is LinkInline { IsImage: false } or AutolinkInline),
            out var links) ? links : 0;
    }

    /// <summary>
    /// The single guard every Markdig call goes through: cheap scans first (length, nesting, opener counts), then
    /// Markdig itself, whose depth limits surface as exceptions on some paths. False when refused.
    /// </summary>
    private static bool TryGuarded<T>(string source, Func<string, T> parse, out T result)
    {
        result = default!;
        if (Refuses(source)) return false;
        try
        {
            result = parse(source);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            // Markdig's own depth limit ("too deeply nested", e.g. emphasis or images nested inside a paragraph,
            // which line prefixes do not show): same answer as our pre-scan.
            return false;
        }
    }

    private static bool Refuses(string source) => source.Length > MaxSourceLength || IsTooDeep(source) || HasTooManyOpeners(source);

    /// <summary>Counts the inline openers whose runs make Markdig's work superlinear (see <see cref="MaxOpenersPerKind"/>).</summary>
    internal static bool HasTooManyOpeners(string source)
    {
        int brackets = 0, backticks = 0, emphasis = 0, extras = 0;
        foreach (var c in source)
        {
            switch (c)
            {
                case '[': brackets++; break;
                case '`': backticks++; break;
                case '*' or '_': emphasis++; break;
                case '~' or '=' or '^' or '+': extras++; break;
                default: continue;
            }
            if (brackets > MaxOpenersPerKind || backticks > MaxOpenersPerKind || emphasis > 2 * MaxOpenersPerKind || extras > 2 * MaxOpenersPerKind)
                return true;
        }
        return false;
    }

    /// <summary>Markdig's output before sanitising (raw HTML disabled already).</summary>
    private static string RenderTrusted(string source)
    {
        var document = Markdown.Parse(source, Pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        var shift = headings.Count == 0 ? 0 : 2 - headings.Min(h => h.Level);
        foreach (var heading in headings)
            heading.Level = Math.Clamp(heading.Level + shift, 2, 6);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage))
            link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);
        foreach (var link in document.Descendants<AutolinkInline>())
            link.GetAttributes().AddPropertyIfNotExist("rel", LinkRel);
        FrenchTypography.Apply(document);

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
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
            // Images become links: the CSP blocks remote images (a broken image), and a remote image is a tracking pixel.
            if (element is IHtmlImageElement image)
            {
                var link = image.Owner!.CreateElement("a");
                var src = image.GetAttribute("src");
                if (!string.IsNullOrEmpty(src)) link.SetAttribute("href", src);
                link.SetAttribute("rel", LinkRel);
                link.SetAttribute("class", "image-link");
                var alt = image.GetAttribute("alt");
                link.TextContent = string.IsNullOrWhiteSpace(alt) ? src ?? "" : alt;
                image.Replace(link);
                return;
            }
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
