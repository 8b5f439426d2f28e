namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>HTML that came out of <see cref="MarkdownRenderer"/> (or was stored from it); render with the _SafeHtml partial.</summary>
public readonly record struct SafeHtml(string Value);
