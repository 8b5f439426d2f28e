namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>
/// What the outbox asks about a recipient. Implemented by the Digests feature (which owns the per-member mail state),
/// so the outbox plumbing knows no rules about members.
/// </summary>
public interface IRecipientGuard
{
    /// <summary>True when the member's optional mail (digests, notifications) is paused after repeated rejections.</summary>
    Task<bool> IsPausedAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>
    /// Why this message may not leave now for a reason that will not pass with retries (its recipient is suspended),
    /// else null. Asked right before each send, so a message queued earlier is held back too.
    /// </summary>
    Task<string?> WithheldBecauseAsync(string memberId, OutboxKind kind, string dedupeKey, CancellationToken cancellationToken);

    /// <summary>Counts a permanent (5xx) rejection of this message against its member's address; may pause their mail.</summary>
    Task RecordPermanentRejectionAsync(OutboxMessage message, string error, CancellationToken cancellationToken);
}
