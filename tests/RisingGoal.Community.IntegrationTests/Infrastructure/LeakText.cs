using MimeKit;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>Where a leak can hide, and what to show when a test finds one.</summary>
public static class LeakText
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
}
