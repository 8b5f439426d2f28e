using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// How a suspended member reaches the moderators. They have no session, so not through the site's messages: by mail to
/// <see cref="ModerationOptions.ContactEmail"/>, told on the login refusal, the 403 page and every mail a suspended
/// member gets (whose Reply-To it becomes). Without one configured nothing is promised: our sender may well be a no-reply
/// address, so "reply to this e-mail" would be false.
/// </summary>
public sealed class ModerationContact(IOptions<ModerationOptions> options, IStringLocalizer<Strings> l)
{
    public string? Address => string.IsNullOrWhiteSpace(options.Value.ContactEmail) ? null : options.Value.ContactEmail.Trim();

    /// <summary>For a page, in the current language; null without an address.</summary>
    public string? OnPage() => Address is { } address ? l["To write to the moderators, send an e-mail to {0}.", address].Value : null;

    /// <summary>For a mail made with <see cref="RepliesReachModerators"/>, in the current language; null without an address.</summary>
    public string? InMail() => Address is { } address ? l["To answer the moderators, reply to this e-mail or write to {0}.", address].Value : null;

    /// <summary>Makes replies to <paramref name="message"/> reach the moderators (Reply-To), when an address is configured.</summary>
    public MimeMessage RepliesReachModerators(MimeMessage message)
    {
        if (Address is { } address) message.ReplyTo.Add(MailboxAddress.Parse(address));
        return message;
    }

    /// <summary><paramref name="text"/> followed by the contact sentence, when there is one.</summary>
    public string After(string text) => OnPage() is { } contact ? text + " " + contact : text;
}
