using Microsoft.Extensions.Options;
using MimeKit;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Absolute links for e-mails, always from Community:PublicBaseUrl (a background service has no HttpContext).</summary>
public sealed class MailLinks(IConfiguration configuration, UnsubscribeTokens tokens, IOptions<DigestOptions> digestOptions,
    IOptions<MailOptions> mailOptions)
{
    public string BaseUrl { get; } = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');

    public string Absolute(string path) => BaseUrl + (path.StartsWith('/') ? path : "/" + path);

    public string Unsubscribe(string memberId, MailList list) =>
        Absolute("/digests/unsubscribe?token=" + Uri.EscapeDataString(tokens.Create(memberId, list)));

    public string Preferences => Absolute("/digests/preferences");

    public string ListId(MailList list) =>
        $"<{(list == MailList.Digest ? "digest" : "replies")}.{new Uri(BaseUrl).Host}>";

    /// <summary>
    /// Adds List-Unsubscribe (https one-click + mailto), List-Unsubscribe-Post (RFC 8058) and List-Id; returns the https
    /// unsubscribe link, for the body (a signed token costs a key derivation: a digest profile showed two per message).
    /// </summary>
    public string AddListHeaders(MimeMessage message, string memberId, MailList list)
    {
        var url = Unsubscribe(memberId, list);
        var mailbox = digestOptions.Value.UnsubscribeMailbox is { Length: > 0 } configured
            ? configured
            : MailboxAddress.Parse(mailOptions.Value.From).Address;
        var mailto = $"mailto:{mailbox}?subject={Uri.EscapeDataString("unsubscribe " + (list == MailList.Digest ? "digest" : "replies"))}";
        message.Headers.Add("List-Unsubscribe", $"<{url}>, <{mailto}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", $"Rising Goal Community {ListId(list)}");
        return url;
    }
}
