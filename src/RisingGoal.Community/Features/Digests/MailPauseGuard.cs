using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// The member side of the outbox: counts permanent rejections on the member's preference and pauses past the threshold,
/// and holds back what a suspended member does not get (<see cref="Moderation.SuspendedMemberMail"/>).
/// </summary>
internal sealed class MailPauseGuard(CommunityDbContext db, IOptions<OutboxOptions> options, TimeProvider clock,
    Moderation.ISuspensionCheck suspensions, ILogger<MailPauseGuard> logger) : IRecipientGuard
{
    public async Task<string?> WithheldBecauseAsync(string memberId, OutboxKind kind, string dedupeKey, CancellationToken cancellationToken) =>
        !Moderation.SuspendedMemberMail.StillGoes(kind, dedupeKey) && await suspensions.IsSuspendedAsync(memberId, cancellationToken)
            ? Moderation.SuspendedMemberMail.Withheld
            : null;

    public Task<bool> IsPausedAsync(string memberId, CancellationToken cancellationToken) =>
        db.Set<DigestPreference>().AnyAsync(p => p.MemberId == memberId && p.MailPausedUtc != null, cancellationToken);

    /// <summary>
    /// Mail to an author about their pseudonymous post is not counted: staff see a pause through the member's named mail
    /// (no longer queued), and a pause after fewer rejections than their listed rows show would tell them such mail
    /// bounced, so that the member writes under a pseudonym (<see cref="Admin.PseudonymousRecipients"/>). Their named
    /// mail, bouncing as well, pauses it.
    /// </summary>
    public async Task RecordPermanentRejectionAsync(OutboxMessage message, string error, CancellationToken cancellationToken)
    {
        if (message.MemberId is not { } memberId
            || (await Admin.PseudonymousRecipients.AmongAsync(db, [new(message.Id, memberId, message.DedupeKey)], cancellationToken)).Count > 0)
            return;
        var preference = await db.Set<DigestPreference>().FirstOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        if (preference is null)
        {
            preference = DigestPreference.For(memberId);
            db.Set<DigestPreference>().Add(preference);
        }
        if (preference.RecordBounce(options.Value.BounceThreshold, clock.GetUtcNow().UtcDateTime))
            logger.LogWarning("Mail to member {MemberId} paused after {Count} permanent rejections: {Error}", memberId, preference.BounceCount, Infrastructure.Mail.MailLogText.WithoutAddresses(error));
    }
}
