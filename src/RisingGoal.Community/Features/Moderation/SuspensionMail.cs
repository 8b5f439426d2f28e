using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// The suspension notice (as Discourse sends one): until when, why, and how to reach the moderators
/// (<see cref="ModerationContact"/>), in the member's language, queued in the same transaction as the suspension. It is
/// about them as a person, so it leaves while they are suspended (<see cref="SuspendedMemberMail.StillGoes"/>). It holds
/// no text of any post, so a removal made while it waits changes nothing in it.
/// </summary>
public sealed class SuspensionMail(CommunityDbContext db, MailComposer composer, IStringLocalizer<Strings> l, ModerationContact contact, TimeProvider clock)
{
    public const string KeyPrefix = "suspension:";

    public Task<bool> QueueAsync(Suspension suspension, CancellationToken cancellationToken) =>
        AuthorMail.QueueAsync(db, clock, suspension.MemberId, KeyPrefix + suspension.Id, (email, name) =>
        {
            List<string> paragraphs =
            [
                l["Hello {0},", name].Value,
                l["The moderators have suspended your account until {0}: until then you cannot sign in. Reason: {1}",
                    Dates.LongWithTime(suspension.EndsUtc), suspension.Reason].Value,
            ];
            if (contact.InMail() is { } howToAnswer) paragraphs.Add(howToAnswer);
            paragraphs.Add(l["— The moderators"].Value);
            return contact.RepliesReachModerators(composer.Compose(email, name, l["Your account is suspended"].Value, paragraphs));
        }, cancellationToken);
}

public sealed class SuspensionMailRecomposer() : KeptAsWrittenRecomposer(SuspensionMail.KeyPrefix);
