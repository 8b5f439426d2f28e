namespace RisingGoal.Community.Features.Moderation;

/// <summary>Replaces every occurrence of the removed text, whatever its case, in one piece of text.</summary>
public static class RedactionText
{
    public static string Apply(string text, string find, string replacement) =>
        string.IsNullOrEmpty(find) ? text : text.Replace(find, replacement, StringComparison.OrdinalIgnoreCase);

    public static string? ApplyOptional(string? text, string find, string replacement) =>
        text is null ? null : Apply(text, find, replacement);

    public static bool Contains(string? text, string find) =>
        text is not null && find.Length > 0 && text.Contains(find, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when any of the texts (the fields of one version of a post) carries the removed text.</summary>
    public static bool AnyContains(string find, params string?[] texts) => texts.Any(text => Contains(text, find));
}
