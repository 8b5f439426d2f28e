using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Counts the links a post's Markdown renders (explicit links and bare URLs), images excluded.</summary>
public static class LinkCounter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static int Count(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return 0;
        var document = Markdown.Parse(markdown, Pipeline);
        return document.Descendants().Count(n => n is LinkInline { IsImage: false } or AutolinkInline);
    }
}
