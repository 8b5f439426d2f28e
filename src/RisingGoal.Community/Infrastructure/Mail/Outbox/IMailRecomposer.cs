using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>
/// Rebuilds a queued message from what the site shows now. The sender asks when content may have been removed
/// (hidden, redacted, rejected) after the message was composed, so a removed text never leaves in its old form,
/// on the first attempt, on a retry or after an administrator's retry. Features register one per kind of message
/// they queue (matched on the dedupe key); a stale message nobody can rebuild is withdrawn, never sent as it was.
/// </summary>
public interface IMailRecomposer
{
    bool Handles(string dedupeKey);

    /// <summary>The message to send now, or null when nothing is left to say (the message is withdrawn).</summary>
    Task<MimeMessage?> RecomposeAsync(OutboxMessage row, MimeMessage stored, CancellationToken cancellationToken);
}

/// <summary>When content was last taken off the site (hidden, redacted, rejected): implemented by moderation.</summary>
public interface IContentRemovals
{
    Task<DateTime?> LatestUtcAsync(CancellationToken cancellationToken);
}

/// <summary>
/// For mail that holds nothing a change on the site can make stale (see each subclass for why): it leaves as written
/// instead of being withdrawn.
/// </summary>
public abstract class KeptAsWrittenRecomposer(string keyPrefix) : IMailRecomposer
{
    public bool Handles(string dedupeKey) => dedupeKey.StartsWith(keyPrefix, StringComparison.Ordinal);

    public Task<MimeMessage?> RecomposeAsync(OutboxMessage row, MimeMessage stored, CancellationToken cancellationToken) =>
        Task.FromResult<MimeMessage?>(stored);
}
