using Microsoft.Extensions.Localization;
using MimeKit;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Tells the author, in their own language, that their post held for review is now published (queued in the outbox).</summary>
public sealed class ApprovalMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock, IConfiguration configuration,
    Notifications.NotificationCenter notifications)
{
    /// <param name="version">The version of the post the moderator approved (part of the idempotency key).</param>
    /// <param name="path">Site-relative link to the published post.</param>
    public async Task<bool> QueueAsync(string? authorId, string caseTitle, TargetKind kind, int postId, int version, string path,
        CancellationToken cancellationToken = default)
    {
        await notifications.DecisionAsync(authorId, kind, postId, approved: true, cancellationToken);   // the e-mail is its delivery
        return await AuthorMail.QueueAsync(db, clock, authorId, AuthorMail.Key("approved", kind, postId, version), Compose(caseTitle, kind, path), cancellationToken);
    }

    /// <summary>The message, given the author's address and name (also used to rebuild it after a redaction).</summary>
    public Func<string, string, MimeMessage> Compose(string caseTitle, TargetKind kind, string path) => (email, name) =>
        {
            var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
            var what = kind == TargetKind.Case
                ? l["Your case \"{0}\" was approved by a moderator: it is now published.", caseTitle].Value
                : l["Your reply on \"{0}\" was approved by a moderator: it is now published.", caseTitle].Value;
            return composer.Compose(email, name, l["Your post is published"].Value,
                [l["Hello {0},", name].Value, what, l["Thank you for sharing your experience with the community."].Value],
                (l["See it on the site"].Value, baseUrl + path));
        };

    public static string PathTo(int caseId, string slug, int? replyId) =>
        replyId is { } id ? CaseUrls.Reply(caseId, id) : CaseUrls.Read(caseId, slug);
}
