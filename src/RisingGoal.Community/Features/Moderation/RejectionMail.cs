using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Tells the author, in their own language, that a post was not published and why (queued in the outbox).</summary>
public sealed class RejectionMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock)
{
    /// <param name="version">The version of the post the moderator rejected (part of the idempotency key).</param>
    public Task<bool> QueueAsync(string? authorId, string caseTitle, TargetKind kind, int postId, int version, RejectReason reason, string? text,
        CancellationToken cancellationToken = default) =>
        AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("rejected", kind, postId, version), (email, name) =>
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
            return composer.Compose(email, name, l["Your post was not published"].Value, paragraphs);
        }, cancellationToken);

    /// <summary>An edit awaiting review was discarded: the author is told, and that the published version stays.</summary>
    /// <param name="editId">The discarded edit (part of the idempotency key).</param>
    public Task<bool> QueueEditAsync(string authorId, string caseTitle, TargetKind kind, int postId, int editId, RejectReason reason, string? text,
        bool followUp = false, CancellationToken cancellationToken = default) =>
        AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("edit-rejected", kind, postId, editId), (email, name) =>
        {
            var what = followUp ? l["Your follow-up on \"{0}\" was not published.", caseTitle].Value
                : kind == TargetKind.Case
                ? l["Your edit of the case \"{0}\" was not published: the previous version stays online.", caseTitle].Value
                : l["Your edit of your reply on \"{0}\" was not published: the previous version stays online.", caseTitle].Value;
            var paragraphs = new List<string> { l["Hello {0},", name].Value, what, l["Reason: {0}", ModerationLabels.Reject(reason, l)].Value };
            if (!string.IsNullOrWhiteSpace(text)) paragraphs.Add(text.Trim());
            paragraphs.Add(l["You can reread the community guidelines and edit it again."].Value);
            return composer.Compose(email, name, l["Your edit was not published"].Value, paragraphs);
        }, cancellationToken);
}
