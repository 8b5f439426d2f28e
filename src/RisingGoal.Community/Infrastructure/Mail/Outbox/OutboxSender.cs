using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>
/// Sends due outbox messages. Rows are claimed with one conditional UPDATE (a lease), so two app instances on one
/// database never send the same row; a claim left by a crashed instance expires after <see cref="OutboxOptions.Lease"/>
/// (45 s) and is taken over. A live sender renews its batch's claim before each message, and one message may take at
/// most two thirds of the lease, so a claim never lapses while its holder is still sending.
/// Each row is saved right after its own send, so a crash never re-sends what was already marked sent.
/// </summary>
public sealed class OutboxSender(CommunityDbContext db, IMailTransport transport, IRecipientGuard guard,
    IContentRemovals removals, IEnumerable<IMailRecomposer> recomposers,
    IOptions<OutboxOptions> options, TimeProvider clock, ILogger<OutboxSender> logger)
{
    /// <summary>Written on a row held back because mail to its member is paused (<see cref="IRecipientGuard.IsPausedAsync"/>).</summary>
    public const string PausedError = "Mail to this member is paused after repeated permanent rejections.";

    /// <summary>Read once per batch: one query tells whether any message of the batch may show removed content.</summary>
    private DateTime? latestRemovalUtc;
    private bool latestRemovalRead;

    private static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Claims and sends one batch; returns how many messages were sent.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken) => (await DrainBatchAsync(cancellationToken)).Count;

    /// <summary>Claims and sends one batch; returns the messages sent (for staff pages that must not count some of them).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> DrainBatchAsync(CancellationToken cancellationToken)
    {
        var (claim, claimed) = await ClaimBatchAsync(cancellationToken);
        latestRemovalRead = false;
        var sent = new List<OutboxMessage>();
        foreach (var row in claimed)
        {
            if (row != claimed[0]) await RenewAsync(claim, cancellationToken);
            if (await SendOneAsync(row, cancellationToken)) sent.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }
        return sent;
    }

    /// <summary>
    /// Claims and sends one message now, if it is due and nobody else holds it (an account mail right after it was
    /// queued). A failure leaves it scheduled for the background sender's retries; returns true when it was sent.
    /// </summary>
    public async Task<bool> SendNowAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claim = $"{Instance}:{Guid.NewGuid():N}";
        var until = now + options.Value.Lease;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now
                        && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.ClaimedBy, claim)
                .SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        if (claimed == 0) return false;
        // The caller's context may still track the row it just added, with the values from before the claim.
        foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.Entity.Id == id).ToList())
            entry.State = EntityState.Detached;
        var row = await db.Set<OutboxMessage>().SingleAsync(m => m.Id == id && m.ClaimedBy == claim, cancellationToken);
        var sent = await SendOneAsync(row, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    /// <summary>Extends the lease on what this batch still holds (the rows not sent yet).</summary>
    private Task<int> RenewAsync(string claim, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow().UtcDateTime + options.Value.Lease;
        return db.Set<OutboxMessage>()
            .Where(m => m.ClaimedBy == claim && m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
    }

    private async Task<(string Claim, List<OutboxMessage> Rows)> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        var messages = db.Set<OutboxMessage>();
        var candidates = await messages.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now || m.Status == OutboxStatus.Sending)
                        && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            // Account mails (confirmation, password reset) first: someone is waiting for them; digests can wait a tick.
            .OrderBy(m => m.Kind == OutboxKind.Account ? 0 : 1).ThenBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(o.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0) return ("", []);

        // The same condition is re-checked by the UPDATE itself: whoever updates a row first owns it.
        var claim = $"{Instance}:{Guid.NewGuid():N}";
        var until = now + o.Lease;
        await messages
            .Where(m => candidates.Contains(m.Id)
                        && (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now || m.Status == OutboxStatus.Sending)
                        && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.ClaimedBy, claim)
                .SetProperty(m => m.ClaimedUntilUtc, until), cancellationToken);
        return (claim, await messages.Where(m => m.ClaimedBy == claim).OrderBy(m => m.Id).ToListAsync(cancellationToken));
    }

    private async Task<bool> SendOneAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        if (row.MemberId is { } recipient && await guard.WithheldBecauseAsync(recipient, row.Kind, row.DedupeKey, cancellationToken) is { } withheld)
        {
            logger.LogInformation("Outbox message {Id} withheld: {Reason}", row.Id, withheld);
            row.Withdraw(withheld);   // not retried: once the reason passes, what it announced is old news
            return false;
        }
        if (row is { MemberId: { } memberId, Kind: not OutboxKind.Account } && await guard.IsPausedAsync(memberId, cancellationToken))
        {
            row.MarkFailed(PausedError);
            return false;
        }
        var message = await CurrentFormAsync(row, cancellationToken);
        if (message is null)
        {
            logger.LogInformation("Outbox message {Id} withdrawn: what it showed was removed from the site", row.Id);
            row.Withdraw("Withdrawn: what it showed was hidden or removed from the site after it was written.");
            return false;
        }
        try
        {
            // One message never outlasts the claim: past two thirds of the lease it counts as a failed attempt.
            using var deadline = new CancellationTokenSource(o.Lease * 2 / 3, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            await transport.SendAsync(message, linked.Token);
            row.MarkSent(clock.GetUtcNow().UtcDateTime);
            return true;
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            logger.LogWarning("Outbox message {Id} permanently rejected: {Status} {Error}", row.Id, (int)ex.StatusCode, MailLogText.WithoutAddresses(ex.Message));
            row.MarkFailed($"{(int)ex.StatusCode} {ex.Message}");
            // Account mails may go to an address the member is only trying out (a new address): not counted against the member.
            if (row is { MemberId: not null, Kind: not OutboxKind.Account })
                await guard.RecordPermanentRejectionAsync(row, ex.Message, cancellationToken);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var backoff = o.FirstRetryDelay * Math.Pow(2, Math.Min(row.Attempts, 16));
            // A server's answer quotes the address: its text is logged without it (a network failure keeps its trace).
            if (ex is SmtpCommandException refused)
                logger.LogWarning("Outbox message {Id} attempt {Attempt} failed: {Status} {Error}; next try in {Backoff}", row.Id, row.Attempts + 1,
                    (int)refused.StatusCode, MailLogText.WithoutAddresses(refused.Message), backoff);
            else
                logger.LogWarning(ex, "Outbox message {Id} attempt {Attempt} failed; next try in {Backoff}", row.Id, row.Attempts + 1, backoff);
            var error = ex is SmtpCommandException smtp ? $"{(int)smtp.StatusCode} {smtp.Message}" : $"{ex.GetType().Name}: {ex.Message}";
            row.MarkAttemptFailed(error, now, o.MaxAttempts, backoff);
            return false;
        }
    }

    /// <summary>
    /// The message as it may leave now: the stored one, unless content was removed after it was written (the row's
    /// creation is an upper bound of its composition), in which case its feature rebuilds it or it is withdrawn.
    /// Account mails carry no post content.
    /// </summary>
    private async Task<MimeKit.MimeMessage?> CurrentFormAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var stored = Outbox.Load(row);
        if (row.Kind == OutboxKind.Account) return stored;
        if (!latestRemovalRead)
        {
            latestRemovalUtc = await removals.LatestUtcAsync(cancellationToken);
            latestRemovalRead = true;
        }
        if (latestRemovalUtc is not { } removed || removed < row.CreatedUtc) return stored;
        var recomposer = recomposers.FirstOrDefault(r => r.Handles(row.DedupeKey));
        var fresh = recomposer is null ? null : await recomposer.RecomposeAsync(row, stored, cancellationToken);
        if (fresh is not null) row.Revise(Outbox.Serialize(fresh, row.DedupeKey), fresh.Subject ?? "");
        return fresh;
    }
}
