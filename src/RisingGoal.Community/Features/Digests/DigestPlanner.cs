using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Picks the members whose digest is due, a batch at a time: composes their digests in parallel, outside any
/// transaction (<see cref="DigestComposition"/>), then in one transaction per batch moves each schedule forward and
/// writes the digests to the outbox (unique key per member and period). A crash leaves either the whole batch or none of
/// it, and a second planner (another instance, a restart) finds nothing left to do: no digest lost or repeated.
/// </summary>
public sealed class DigestPlanner(CommunityDbContext db, DigestSchedule schedule, DigestQueries queries, DigestComposition composition,
    IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestPlanner> logger)
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
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await DueAsync(now, cancellationToken);
            if (due.Count == 0) return new RunCounts(queued, skipped, visited);
            var memberIds = due.Select(d => d.MemberId).ToList();
            var recipients = await RecipientsAsync(memberIds, cancellationToken);
            var memberCases = await queries.MemberCasesAsync(memberIds, cancellationToken);
            var jobs = due.Select(d => Prepare(d, recipients.GetValueOrDefault(d.MemberId), now) with { MemberCases = memberCases[d.MemberId] }).ToList();
            var planned = await composition.ComposeAsync(jobs, shared, cancellationToken);
            foreach (var outcome in await WriteAsync(planned, now, cancellationToken))
            {
                switch (outcome)
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

    private async Task<List<DueRow>> DueAsync(DateTime now, CancellationToken cancellationToken)
    {
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

    /// <summary>The period a due digest covers and whether it is composed at all (null recipient: no digest).</summary>
    private DigestJob Prepare(DueRow due, DigestRecipient? recipient, DateTime now)
    {
        var periodEnd = schedule.LatestDueAtOrBefore(due.Frequency, now) ?? due.DueUtc;
        var period = schedule.PeriodEndingAt(due.Frequency, periodEnd < due.DueUtc ? due.DueUtc : periodEnd);
        var since = due.LastPeriodEndUtc ?? period.StartUtc;
        // Back on the site since the previous digest went out (its window ended at `since`): nothing to remind them of.
        var visited = options.Value.SkipAfterVisit && due.LastSeenUtc is { } seen && seen >= since;
        return new DigestJob(due.MemberId, due.DueUtc, due.Frequency, period, since, visited ? null : recipient, visited);
    }

    /// <summary>
    /// One transaction for the batch. Only the planner that still sees the due instant it read moves a schedule and
    /// writes that digest: the loser of a race (another instance, a second run) writes nothing for that member.
    /// </summary>
    private async Task<List<string>> WriteAsync(IReadOnlyList<PlannedDigest> planned, DateTime now, CancellationToken cancellationToken)
    {
        var outcomes = new List<string>(planned.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = new List<PlannedDigest>(planned.Count);
        foreach (var p in planned)
        {
            var (job, outcome) = (p.Job, p.Outcome);
            var nextDue = schedule.NextDue(job.Frequency, now);
            var rows = await db.Set<DigestPreference>()
                .Where(x => x.MemberId == job.MemberId && x.NextDigestDueUtc == job.DueUtc)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.NextDigestDueUtc, nextDue)
                    .SetProperty(x => x.LastDigestPeriodEndUtc, job.Period.EndUtc)
                    .SetProperty(x => x.LastOutcome, outcome)
                    .SetProperty(x => x.LastPlannedUtc, now), cancellationToken);
            if (rows > 0) moved.Add(p);
        }
        var keys = moved.Where(p => p.Message is not null).Select(p => Key(p.Job)).ToList();
        var existing = keys.Count == 0 ? [] : (await db.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.DedupeKey))
            .Select(m => m.DedupeKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var p in moved.Where(p => p.Message is not null && !existing.Contains(Key(p.Job))))
            Outbox.Add(db, OutboxKind.Digest, p.Job.MemberId, Key(p.Job), p.Message!, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var p in moved)
        {
            logger.LogInformation("Digest for member {MemberId}, period {Start:o}–{End:o}: {Outcome}", p.Job.MemberId, p.Job.Period.StartUtc,
                p.Job.Period.EndUtc, p.Outcome);
            outcomes.Add(p.Outcome);
        }
        return outcomes;
    }

    private static string Key(DigestJob job) => $"{KeyPrefix}{job.MemberId}:{job.Period.StartUtc:o}";
}
