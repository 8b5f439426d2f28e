using Microsoft.Extensions.Localization;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Tells the author, in their own language, that a post was not published and why (queued in the outbox).</summary>
public sealed class RejectionMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock,
    Notifications.NotificationCenter notifications, IConfiguration configuration, ISuspensionCheck suspensions, ModerationContact contact)
{
    /// <summary>The reason chosen (a number), kept so the message can be rebuilt in the author's language after a redaction.</summary>
    public const string ReasonHeader = "X-Community-Reject-Reason";

    /// <param name="version">The version of the post the moderator rejected (part of the idempotency key).</param>
    public async Task<bool> QueueAsync(string? authorId, string caseTitle, TargetKind kind, int postId, int version, RejectReason reason, string? text,
        CancellationToken cancellationToken = default)
    {
        await notifications.DecisionAsync(authorId, kind, postId, approved: false, cancellationToken);   // the e-mail is its delivery
        var suspension = authorId is null ? null : await SuspensionOfAsync(authorId, cancellationToken);
        return await AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("rejected", kind, postId, version), Compose(caseTitle, kind, reason, text, suspension), cancellationToken);
    }

    public Task<SuspensionNotice?> SuspensionOfAsync(string authorId, CancellationToken cancellationToken) => suspensions.ActiveAsync(authorId, cancellationToken);

    /// <param name="suspension">The author's suspension when it is written: their drafts page cannot be opened then, so the
    /// mail has no link to it, says when they can edit the draft, and how to reach the moderators until then.</param>
    public Func<string, string, MimeMessage> Compose(string caseTitle, TargetKind kind, RejectReason reason, string? text, SuspensionNotice? suspension = null) => (email, name) =>
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
            var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
            (string, string)? action = null;
            if (kind == TargetKind.Case && suspension is not null)
            {
                paragraphs.Add(l["Your case is back among your drafts, with this reason. Your account is suspended until {0}: you can edit it and submit it again once the suspension is over.",
                    Infrastructure.Localization.Dates.LongWithTime(suspension.EndsUtc)].Value);
                if (contact.InMail() is { } howToAnswer) paragraphs.Add(howToAnswer);
            }
            else if (kind == TargetKind.Case)
            {
                // The case is back among the author's drafts (Drafts.ReturnRejectedAsync): they edit it and submit it again.
                paragraphs.Add(l["Your case is back among your drafts, with this reason: edit it and submit it again, a moderator will read it."].Value);
                action = (l["Edit my draft"].Value, baseUrl + "/account/drafts");
            }
            else
            {
                paragraphs.Add(l["You can reread the community guidelines and post again."].Value);
            }
            paragraphs.Add(l["Community guidelines: {0}", baseUrl + "/pages/guidelines"].Value);
            var message = composer.Compose(email, name, l["Your post was not published"].Value, paragraphs, action);
            message.Headers.Add(ReasonHeader, ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return suspension is null ? message : contact.RepliesReachModerators(message);
        };

    /// <summary>An edit awaiting review was discarded: the author is told, and that the published version stays.</summary>
    /// <param name="editId">The discarded edit (part of the idempotency key).</param>
    public Task<bool> QueueEditAsync(string authorId, string caseTitle, TargetKind kind, int postId, int editId, RejectReason reason, string? text,
        bool followUp = false, CancellationToken cancellationToken = default) =>
        AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("edit-rejected", kind, postId, editId),
            ComposeEdit(caseTitle, kind, reason, text, followUp), cancellationToken);

    /// <summary>Marks a discarded follow-up (rather than an edit), so the message can be rebuilt.</summary>
    public const string FollowUpHeader = "X-Community-Follow-Up";

    public Func<string, string, MimeMessage> ComposeEdit(string caseTitle, TargetKind kind, RejectReason reason, string? text, bool followUp) => (email, name) =>
        {
            var what = followUp ? l["Your follow-up on \"{0}\" was not published.", caseTitle].Value
                : kind == TargetKind.Case
                ? l["Your edit of the case \"{0}\" was not published: the previous version stays online.", caseTitle].Value
                : l["Your edit of your reply on \"{0}\" was not published: the previous version stays online.", caseTitle].Value;
            var paragraphs = new List<string> { l["Hello {0},", name].Value, what, l["Reason: {0}", ModerationLabels.Reject(reason, l)].Value };
            if (!string.IsNullOrWhiteSpace(text)) paragraphs.Add(text.Trim());
            paragraphs.Add(l["You can reread the community guidelines and edit it again."].Value);
            var message = composer.Compose(email, name, l["Your edit was not published"].Value, paragraphs);
            message.Headers.Add(ReasonHeader, ((int)reason).ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (followUp) message.Headers.Add(FollowUpHeader, "1");
            return message;
        };
}
