using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>
/// Builds the multipart/alternative message every e-mail uses: a plain-text part readable in any client and an HTML
/// part with inline styles and no remote resources. Callers pass text already localised to the recipient's language.
/// </summary>
public sealed class MailComposer(IOptions<MailOptions> options)
{
    public MimeMessage Compose(string toAddress, string toName, string subject, IReadOnlyList<string> paragraphs,
        (string Label, string Url)? action = null, string? footer = null)
    {
        var message = new MimeMessage { MessageId = options.Value.NewMessageId() };
        message.From.Add(MailboxAddress.Parse(options.Value.From));
        message.To.Add(new MailboxAddress(toName, toAddress));
        message.Subject = subject;

        var text = new System.Text.StringBuilder();
        var html = new System.Text.StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Georgia,serif;color:#1f2933;line-height:1.5;max-width:36em;margin:0 auto;padding:1em\">");
        foreach (var p in paragraphs)
        {
            text.AppendLine(p).AppendLine();
            html.Append("<p style=\"margin:0 0 1em\">").Append(WebUtility.HtmlEncode(p)).Append("</p>");
        }
        if (action is { } a)
        {
            text.AppendLine(Localization.Punctuation.Labelled(a.Label, a.Url)).AppendLine();   // in the recipient's culture, like the text passed in
            html.Append("<p style=\"margin:1.5em 0\"><a href=\"").Append(WebUtility.HtmlEncode(a.Url))
                .Append("\" style=\"background:#1d4e89;color:#ffffff;padding:.6em 1.2em;border-radius:4px;text-decoration:none\">")
                .Append(WebUtility.HtmlEncode(a.Label)).Append("</a></p>")
                .Append("<p style=\"font-size:.85em;color:#52606d;word-break:break-all\">").Append(WebUtility.HtmlEncode(a.Url)).Append("</p>");
        }
        if (!string.IsNullOrEmpty(footer))
        {
            text.AppendLine("-- ").AppendLine(footer);
            html.Append("<hr style=\"border:0;border-top:1px solid #cbd2d9\"><p style=\"font-size:.85em;color:#52606d\">")
                .Append(WebUtility.HtmlEncode(footer)).Append("</p>");
        }
        html.Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }
}
