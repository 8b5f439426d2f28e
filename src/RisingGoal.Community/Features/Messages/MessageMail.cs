using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using MimeKit;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// The e-mail delivery of a moderator message, to the post's author only, through the outbox (once per message). It
/// carries the moderators' text and a link to the conversation, not the case title nor any text of the post: those may be
/// redacted or hidden while the e-mail waits, and the conversation page shows them as they are now.
/// </summary>
public sealed class MessageMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, TimeProvider clock, IConfiguration configuration)
{
    public const string KeyPrefix = "message:";

    public Task<bool> QueueAsync(MessageThread thread, ModeratorMessage message, CancellationToken ct) =>
        AuthorMail.QueueAsync(db, clock, thread.MemberId, KeyPrefix + message.Id, (email, name) =>
        {
            var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
            var about = thread.TargetKind == TargetKind.Case
                ? l["The moderators wrote to you about your case."].Value
                : l["The moderators wrote to you about your reply."].Value;
            return composer.Compose(email, name, l["A message from the moderators"].Value,
                [l["Hello {0},", name].Value, about, message.Body, l["— The moderators"].Value],
                (l["Read and answer"].Value, baseUrl + MessageUrls.Member(thread.Id)));
        }, ct);
}

public static class MessageUrls
{
    public static string Member(int threadId) => $"/messages/{threadId}";
    public static string Staff(int threadId) => $"/moderation/messages/{threadId}";
    public static string Write(TargetKind kind, int id) => $"/moderation/messages/write/{kind.ToString().ToLowerInvariant()}/{id}";
}

/// <summary>
/// A moderator message holds no text of any post nor the case title (see <see cref="MessageMail"/>): a removal made
/// while it waits changes nothing in it, so it leaves as written instead of being withdrawn. Moderators often write to
/// the author and then hide the post: the author must still get the message.
/// </summary>
public sealed class MessageMailRecomposer() : KeptAsWrittenRecomposer(MessageMail.KeyPrefix);
