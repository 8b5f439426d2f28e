using System.Text.RegularExpressions;

namespace RisingGoal.Community.Tests.Rendering;

/// <summary>
/// One road to HTML: Markdown → <c>MarkdownRenderer</c> → <c>RenderedMarkdown</c> → <c>SafeHtml</c> → <c>SafeHtmlTagHelper</c>.
/// These scans fail when a view or a class opens another road (the type system closes the rest: SafeHtml has a private
/// constructor and is not IHtmlContent).
/// </summary>
public sealed partial class ViewSafetyTests
{
    private static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');

    [Fact]
    public void No_view_writes_raw_html_or_makes_its_own_SafeHtml()
    {
        var views = Files("*.cshtml").ToList();
        Assert.NotEmpty(views);
        var offenders = views
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Relative(f), Line: i + 1, Text: line)))
            .Where(l => RawRoad().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Only_the_SafeHtml_tag_helper_writes_html_content_unencoded_from_code()
    {
        // The tag helper is the one allowed writer: it accepts a SafeHtml and nothing else. The member-page holes write
        // an HTML comment of their own (a per-process random marker and a key the app computed), never content.
        const string allowed = "src/RisingGoal.Community/Infrastructure/Rendering/SafeHtmlTagHelper.cs";
        const string holes = "src/RisingGoal.Community/Features/Shared/MemberHoles.cs";
        var offenders = Files("*.cs")
            .Where(f => Relative(f) != allowed && Relative(f) != holes && !Relative(f).Contains("/Migrations/", StringComparison.Ordinal))
            .Where(f => RawFromCode().IsMatch(File.ReadAllText(f)))
            .Select(Relative)
            .ToList();
        Assert.Empty(offenders);
        Assert.Contains("SetHtmlContent", File.ReadAllText(Path.Combine(RepositoryPaths.Root, allowed)));
    }

    [Fact]
    public void The_scans_recognise_every_raw_road()
    {
        Assert.Matches(RawRoad(), "<div>@Html.Raw(Model.Body)</div>");
        Assert.Matches(RawRoad(), "<partial name=\"_SafeHtml\" model=\"new SafeHtml(x)\" />");
        Assert.Matches(RawRoad(), "@(new RisingGoal.Community.Infrastructure.Rendering.SafeHtml(reply.BodyHtml))");
        Assert.Matches(RawRoad(), "@(new HtmlString(text))");
        Assert.DoesNotMatch(RawRoad(), "<safe-html content=\"reply.BodyHtml\" />");
        Assert.Matches(RawFromCode(), "output.Content.SetHtmlContent(value);");
        Assert.Matches(RawFromCode(), "public IHtmlContent Qr => new HtmlString(svg);");
        Assert.DoesNotMatch(RawFromCode(), "var html = SafeHtml.From(rendered);");
    }

    [GeneratedRegex(@"Html\.Raw\s*\(|new\s+(?:[\w.]+\.)?SafeHtml\s*\(|HtmlString\s*\(", RegexOptions.None)]
    private static partial Regex RawRoad();

    [GeneratedRegex(@"Html\.Raw\s*\(|new\s+(?:[\w.]+\.)?HtmlString\s*\(|SetHtmlContent\s*\(|AppendHtml\s*\(|:\s*IHtmlContent\b", RegexOptions.None)]
    private static partial Regex RawFromCode();
}
