using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// What mail still reaches a suspended member: they have no session and cannot sign in, so nothing that invites them
/// to read the site (digests, reply, mention and follow notifications, queue alerts of a suspended moderator) leaves
/// while they are suspended, neither when it is composed nor when a message queued earlier comes up for sending.
/// What concerns them as a person still goes: account mail (password reset, e-mail change, takedown), the suspension
/// notice, the moderators' messages to them (without a link to a page they cannot open: <see cref="MessageMail"/>) and
/// the decisions about their own posts.
/// </summary>
public static class SuspendedMemberMail
{
    /// <summary>Written on the outbox row (the administrators' outbox page shows it) of a message held back.</summary>
    public const string Withheld = "Withheld: the member is suspended (no digest or notification mail while suspended).";

    public static bool StillGoes(OutboxKind kind, string dedupeKey) =>
        kind == OutboxKind.Account
        || dedupeKey.StartsWith(AuthorMail.KeyPrefix, StringComparison.Ordinal)
        || dedupeKey.StartsWith(SuspensionMail.KeyPrefix, StringComparison.Ordinal)
        || dedupeKey.StartsWith(MessageMail.KeyPrefix, StringComparison.Ordinal);
}
