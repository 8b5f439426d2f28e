using RisingGoal.Community.Infrastructure.Localization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Turns digest content into the multipart message: plain text for any client, HTML with inline styles only.</summary>
public sealed class DigestMessageBuilder(IOptions<MailOptions> mailOptions, IOptions<DigestOptions> digestOptions, MailLinks links, IStringLocalizer<Strings> l)
{
    private const string Body = "font-family:Georgia,serif;color:#1f2933;line-height:1.5;max-width:40em;margin:0 auto;padding:1em";

    /// <summary>Sections already rendered, kept only while their section object lives (the planner run that shares it).</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DigestSection, RenderedSection> _rendered = new();

    public MimeMessage Build(DigestRecipient recipient, DigestContent content)
    {
        using var _ = CultureScope.Use(recipient.CultureInfo);
        var message = new MimeMessage { MessageId = mailOptions.Value.NewMessageId() };
        message.From.Add(MailboxAddress.Parse(mailOptions.Value.From));
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Email));
        message.Subject = content.Subject;
        var unsubscribe = links.AddListHeaders(message, recipient.MemberId, MailList.Digest);

        var text = new StringBuilder().AppendLine(content.Intro).AppendLine();
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{recipient.CultureInfo.TwoLetterISOLanguageName}\"><body style=\"{Body}\">")
            .Append("<p style=\"margin:0 0 1em\">").Append(Enc(content.Intro)).Append("</p>");
        foreach (var section in content.Sections.Where(s => s.Items.Count > 0))
        {
            var rendered = _rendered.GetValue(section, Render);
            text.Append(rendered.Text);
            html.Append(rendered.Html);
        }
        // Why this e-mail came, and how to stop it, in words (the links below do the stopping).
        var why = (digestOptions.Value.SkipAfterVisit
            ? l["You receive this digest because you asked for it in your e-mail settings; it is sent only when you have not visited the site since the previous one. To stop it, unsubscribe below or choose “Never” in your settings."]
            : l["You receive this digest because you asked for it in your e-mail settings. To stop it, unsubscribe below or choose “Never” in your settings."]).Value;
        text.AppendLine("-- ")
            .AppendLine(why)
            .AppendLine(Punctuation.Labelled(l["Change what you receive"], links.Preferences))
            .AppendLine(Punctuation.Labelled(l["Unsubscribe from the digest"], unsubscribe));
        html.Append("<hr style=\"border:0;border-top:1px solid #cbd2d9;margin-top:2em\">")
            .Append("<p style=\"font-size:.85em;color:#52606d\">").Append(Enc(why)).Append("</p>")
            .Append("<p style=\"font-size:.85em;color:#52606d\">")
            .Append("<a href=\"").Append(Enc(links.Preferences)).Append("\" style=\"color:#1d4e89\">").Append(Enc(l["Change what you receive"])).Append("</a> · ")
            .Append("<a href=\"").Append(Enc(unsubscribe)).Append("\" style=\"color:#1d4e89\">").Append(Enc(l["Unsubscribe from the digest"])).Append("</a></p>")
            .Append("</body></html>");

        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// A section as text and HTML, rendered once per section object: the composer hands the same object to every member
    /// who reads the same shared section (picks, new cases), so 10,000 digests render it once per language and tag set.
    /// </summary>
    private static RenderedSection Render(DigestSection section)
    {
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.AppendLine(section.Heading).AppendLine(new string('=', section.Heading.Length)).AppendLine();
        html.Append("<h2 style=\"font-size:1.15em;color:#1d4e89;margin:1.5em 0 .5em\">").Append(Enc(section.Heading)).Append("</h2>");
        foreach (var item in section.Items)
        {
            text.AppendLine("* " + item.Title).AppendLine("  " + item.Meta);
            if (item.Summary is { Length: > 0 }) text.AppendLine("  " + item.Summary);
            text.AppendLine("  " + item.Url).AppendLine();
            html.Append("<div style=\"margin:0 0 1em;padding:.6em .8em;border-left:3px solid #cbd2d9\">")
                .Append("<a href=\"").Append(Enc(item.Url)).Append("\" style=\"color:#1d4e89;font-weight:bold\">").Append(Enc(item.Title)).Append("</a>")
                .Append("<div style=\"font-size:.85em;color:#52606d\">").Append(Enc(item.Meta)).Append("</div>");
            if (item.Summary is { Length: > 0 })
                html.Append("<p style=\"margin:.3em 0 0\">").Append(Enc(item.Summary)).Append("</p>");
            html.Append("</div>");
        }
        return new RenderedSection(text.ToString(), html.ToString());
    }

    private sealed record RenderedSection(string Text, string Html);

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
