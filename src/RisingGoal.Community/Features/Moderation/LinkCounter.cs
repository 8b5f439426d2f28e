using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Counts the links a post's Markdown renders (explicit links and bare URLs), images excluded.</summary>
/// <remarks>Parses through <see cref="MarkdownRenderer"/>'s guard: same pipeline, same bounds, never throws.</remarks>
public static class LinkCounter
{
    public static int Count(string? markdown) => MarkdownRenderer.CountLinks(markdown);
}
