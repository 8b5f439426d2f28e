using System.Text.RegularExpressions;
using MimeKit;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>Where a leak can hide, and what to show when a test finds one.</summary>
public static partial class LeakText
{
    /// <summary>Subject, bodies and the raw MIME (headers, encoded parts) of a received message.</summary>
    public static string Whole(this MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return message.Subject + "\n" + message.TextBody + "\n" + message.HtmlBody + "\n" + System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The text around the first occurrence of <paramref name="word"/>, for a failure message.</summary>
    public static string Around(string text, string word)
    {
        var at = Math.Max(0, text.IndexOf(word, StringComparison.OrdinalIgnoreCase) - 120);
        return text.Substring(at, Math.Min(240, text.Length - at));
    }

    /// <summary>
    /// The page without its antiforgery tokens: random base64 that no reader sees, where a short telltale can turn up by
    /// chance (CI once found "Acme" in "…WTKAcmE6R", matched without case).
    /// </summary>
    public static string WithoutTokens(string html) => TokenInput().Replace(html, "");

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex TokenInput();
}
