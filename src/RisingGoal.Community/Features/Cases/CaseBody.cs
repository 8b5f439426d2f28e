using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The text of a case (Markdown and the HTML rendered from it), owned by <see cref="Case"/> in the CaseBodies table.</summary>
public sealed class CaseBody
{
    public string Markdown { get; private set; } = "";
    public string Html { get; private set; } = "";
    public int RendererVersion { get; private set; }

    internal void Replace(string markdown, RenderedMarkdown rendered)
    {
        Markdown = markdown;
        Html = rendered.Html;
        RendererVersion = rendered.RendererVersion;
    }
}
