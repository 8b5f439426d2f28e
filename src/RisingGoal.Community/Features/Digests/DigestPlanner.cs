using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Picks the members whose digest is due and, for each one in its own transaction, composes the digest, writes it to
/// the outbox (unique key per member and period) and moves the schedule forward. A crash leaves either both or
/// neither, and a second planner (another instance, a restart) finds nothing left to do: no digest lost or repeated.
/// </summary>
public sealed class DigestPlanner(CommunityDbContext db, DigestSchedule schedule, DigestComposer composer,
    DigestMessageBuilder builder, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestPlanner> logger)
{
    public const string Queued = "queued";
    public const string NothingNew = "nothing new";
    /// <summary>The member visited the site after the previous digest's window ended: they have seen what it would tell.</summary>
    public const string VisitedSince = "visited since the last digest";
    public const string KeyPrefix = "digest:";

    /// <summary>Plans every due digest (in batches); returns how many were queued and how many skipped (empty, or visited since).</summary>
    public async Task<(int Queued, int Skipped)> PlanAsync(CancellationToken cancellationToken)
    {
        var run = await RunAsync(cancellationToken);
        return (run.Queued, run.NothingNew + run.Visited);
    }

    /// <summary>How one planner run went: queued, skipped with nothing new, skipped because the member visited since the last digest.</summary>
    public sealed record RunCounts(int Queued, int NothingNew, int Visited);

    public async Task<RunCounts> RunAsync(CancellationToken cancellationToken)
    {
        var (queued, skipped, visited) = (0, 0, 0);
        var shared = new DigestSharedSections();
        while (true)
        {
            var due = await DueAsync(cancellationToken);
            if (due.Count == 0) return new RunCounts(queued, skipped, visited);
            var recipients = await RecipientsAsync(due.Select(d => d.MemberId).ToList(), cancellationToken);
            foreach (var row in due)
            {
                switch (await PlanOneAsync(row, recipients.GetValueOrDefault(row.MemberId), shared, cancellationToken))
                {
                    case Queued: queued++; break;
                    case NothingNew: skipped++; break;
                    case VisitedSince: visited++; break;
                }
            }
        }
    }

    public async Task<DigestRecipient?> RecipientAsync(string memberId, CancellationToken cancellationToken) =>
        (await RecipientsAsync([memberId], cancellationToken)).GetValueOrDefault(memberId);

    /// <summary>The recipients of a batch (address, name, language, followed tags) in two queries.</summary>
    private async Task<Dictionary<string, DigestRecipient>> RecipientsAsync(List<string> memberIds, CancellationToken cancellationToken)
    {
        var members = await db.Set<Member>().AsNoTracking().Where(m => memberIds.Contains(m.Id) && m.Email != null)
            .Select(m => new { m.Id, m.Email, m.DisplayName, m.PreferredCulture }).ToListAsync(cancellationToken);
        var tags = (await db.Set<DigestFollowedTag>().AsNoTracking().Where(t => memberIds.Contains(t.MemberId))
                .Select(t => new { t.MemberId, t.TagId }).ToListAsync(cancellationToken))
            .ToLookup(t => t.MemberId, t => t.TagId);
        return members.ToDictionary(m => m.Id,
            m => new DigestRecipient(m.Id, m.Email!, m.DisplayName, m.PreferredCulture, tags[m.Id].Order().ToList()));
    }

    /// <param name="LastSeenUtc">When the member was last seen on the site (unread tracking's visit row), null if never.</param>
    private sealed record DueRow(string MemberId, DateTime DueUtc, DigestFrequency Frequency, DateTime? LastPeriodEndUtc, DateTime? LastSeenUtc);

    private async Task<List<DueRow>> DueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var visits = db.Set<Notifications.MemberVisit>();
        var rows = await db.Set<DigestPreference>().AsNoTracking()
            .Where(p => p.Frequency != DigestFrequency.Never && p.NextDigestDueUtc != null && p.NextDigestDueUtc <= now && p.MailPausedUtc == null)
            .Join(db.Set<Member>().Where(m => m.EmailConfirmed), p => p.MemberId, m => m.Id, (p, m) => p)
            .OrderBy(p => p.NextDigestDueUtc).ThenBy(p => p.MemberId)
            .Take(options.Value.BatchSize)
            .Select(p => new DueRow(p.MemberId, p.NextDigestDueUtc!.Value, p.Frequency, p.LastDigestPeriodEndUtc,
                visits.Where(v => v.MemberId == p.MemberId).Select(v => (DateTime?)v.LastSeenUtc).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return rows;
    }

    private async Task<string?> PlanOneAsync(DueRow due, DigestRecipient? recipient, DigestSharedSections shared, CancellationToken cancellationToken)
    {
        var (memberId, dueUtc) = (due.MemberId, due.DueUtc);
        var now = clock.GetUtcNow().UtcDateTime;
        var periodEnd = schedule.LatestDueAtOrBefore(due.Frequency, now) ?? dueUtc;
        var period = schedule.PeriodEndingAt(due.Frequency, periodEnd < dueUtc ? dueUtc : periodEnd);
        var since = due.LastPeriodEndUtc ?? period.StartUtc;
        // Back on the site since the previous digest went out (its window ended at `since`): nothing to remind them of.
        var visited = options.Value.SkipAfterVisit && due.LastSeenUtc is { } seen && seen >= since;
        var content = recipient is null || visited ? null : await composer.ComposeAsync(recipient, since, period.EndUtc, cancellationToken, shared);
        var outcome = visited ? VisitedSince : content is null || content.IsEmpty ? NothingNew : Queued;
        var message = outcome == Queued ? builder.Build(recipient!, content!) : null;   // built before the write transaction opens
        if (message is not null) DigestRecomposer.AddWindow(message, since, period.EndUtc);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Only the planner that still sees the due instant it read moves the schedule: the loser of a race plans nothing.
        var nextDue = schedule.NextDue(due.Frequency, now);
        var moved = await db.Set<DigestPreference>()
            .Where(p => p.MemberId == memberId && p.NextDigestDueUtc == dueUtc)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.NextDigestDueUtc, nextDue)
                .SetProperty(p => p.LastDigestPeriodEndUtc, period.EndUtc)
                .SetProperty(p => p.LastOutcome, outcome)
                .SetProperty(p => p.LastPlannedUtc, now), cancellationToken);
        if (moved == 0) return null;

        var key = $"{KeyPrefix}{memberId}:{period.StartUtc:o}";
        if (outcome == Queued && !await Outbox.ExistsAsync(db, key, cancellationToken))
        {
            Outbox.Add(db, OutboxKind.Digest, memberId, key, message!, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Digest for member {MemberId}, period {Start:o}–{End:o}: {Outcome}", memberId, period.StartUtc, period.EndUtc, outcome);
        return outcome;
    }
}
