using MimeKit;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>Reads the .eml files the app wrote to its pickup folder, once the mail being sent in the background has been tried.</summary>
public sealed class MailFolder(string directory, Func<Task>? settled = null)
{
    public string Directory { get; } = directory;

    public IReadOnlyList<MimeMessage> All()
    {
        settled?.Invoke().GetAwaiter().GetResult();
        return System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.eml").Order().Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        All().Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The first absolute link in the text part whose URL contains <paramref name="fragment"/>.</summary>
    public static string LinkIn(MimeMessage message, string fragment)
    {
        var text = message.TextBody ?? "";
        var match = System.Text.RegularExpressions.Regex.Matches(text, @"https?://\S+")
            .Select(m => m.Value.TrimEnd('.', ',', ')'))
            .FirstOrDefault(u => u.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new InvalidOperationException($"No link containing '{fragment}' in: {text}");
    }
}
