using Microsoft.Extensions.Localization;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Tells the author, in their own language, that a post was not published and why (queued in the outbox).</summary>
public sealed class RejectionMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock)
{
    /// <summary>The reason chosen (a number), kept so the message can be rebuilt in the author's language after a redaction.</summary>
    public const string ReasonHeader = "X-Community-Reject-Reason";

    /// <param name="version">The version of the post the moderator rejected (part of the idempotency key).</param>
    public Task<bool> QueueAsync(string? authorId, string caseTitle, TargetKind kind, int postId, int version, RejectReason reason, string? text,
        CancellationToken cancellationToken = default) =>
        AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("rejected", kind, postId, version), Compose(caseTitle, kind, reason, text), cancellationToken);

    public Func<string, string, MimeMessage> Compose(string caseTitle, TargetKind kind, RejectReason reason, string? text) => (email, name) =>
        {
            var what = kind == TargetKind.Case
                ? l["Your case \"{0}\" was not published.", caseTitle].Value
                : l["Your reply on \"{0}\" was not published.", caseTitle].Value;
            var paragraphs = new List<string>
            {
                l["Hello {0},", name].Value,
                what,
                l["Reason: {0}", ModerationLabels.Reject(reason, l)].Value,
            };
            if (!string.IsNullOrWhiteSpace(text)) paragraphs.Add(text.Trim());
            paragraphs.Add(l["You can reread the community guidelines and post again."].Value);
            var message = composer.Compose(email, name, l["Your post was not published"].Value, paragraphs);
            message.Headers.Add(ReasonHeader, ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return message;
        };
}
