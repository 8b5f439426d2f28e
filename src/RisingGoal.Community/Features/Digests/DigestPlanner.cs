using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Picks the members whose digest is due, a batch at a time: composes their digests in parallel, outside any
/// transaction (<see cref="DigestComposition"/>), then in one transaction per batch moves the schedules forward and
/// writes the digests to the outbox (unique key per member and period). A crash leaves either the whole batch or none of
/// it, and a second planner (another instance, a restart) finds nothing left to do: no digest lost or repeated.
/// Reading and composing batch k+1 goes on while batch k is written (a channel of one batch between the two): the
/// write is serial, and the composers would otherwise wait for it.
/// </summary>
public sealed class DigestPlanner(CommunityDbContext db, IServiceScopeFactory scopes, DueDigests recipients, DigestSchedule schedule,
    DigestComposition composition, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestPlanner> logger)
{
    public const string Queued = "queued";
    public const string NothingNew = "nothing new";
    /// <summary>The member visited the site after the previous digest's window ended: they have seen what it would tell.</summary>
    public const string VisitedSince = "visited since the last digest";
    /// <summary>The member is suspended (no session, no mail inviting them back): their schedule moves on without a digest.</summary>
    public const string MemberSuspended = "member suspended";
    public const string KeyPrefix = "digest:";

    /// <summary>Plans every due digest (in batches); returns how many were queued and how many skipped (empty, visited since, suspended).</summary>
    public async Task<(int Queued, int Skipped)> PlanAsync(CancellationToken cancellationToken)
    {
        var run = await RunAsync(cancellationToken);
        return (run.Queued, run.NothingNew + run.Visited + run.Suspended);
    }

    /// <summary>
    /// How one planner run went: queued, skipped with nothing new, skipped because the member visited since the last
    /// digest, skipped because the member is suspended.
    /// </summary>
    public sealed record RunCounts(int Queued, int NothingNew, int Visited, int Suspended = 0);

    /// <summary>A composed batch waiting for its write; <paramref name="Now"/> is the instant it was read at.</summary>
    private sealed record ComposedBatch(IReadOnlyList<PlannedDigest> Planned, DateTime Now);

    public async Task<RunCounts> RunAsync(CancellationToken cancellationToken)
    {
        var (queued, skipped, visited, suspended) = (0, 0, 0, 0);
        var batches = Channel.CreateBounded<ComposedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var composing = Task.Run(() => ComposeBatchesAsync(batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var outcome in await WriteAsync(batch.Planned, batch.Now, cancellationToken))
                {
                    switch (outcome)
                    {
                        case Queued: queued++; break;
                        case NothingNew: skipped++; break;
                        case VisitedSince: visited++; break;
                        case MemberSuspended: suspended++; break;
                    }
                }
            }
        }
        catch
        {
            await stop.CancelAsync();   // a failed write stops the composing too; what was not written is planned next time
            try { await composing; } catch (OperationCanceledException) { }
            throw;
        }
        await composing;
        return new RunCounts(queued, skipped, visited, suspended);
    }

    public async Task<DigestRecipient?> RecipientAsync(string memberId, CancellationToken cancellationToken) =>
        (await recipients.RecipientsAsync([memberId], cancellationToken)).GetValueOrDefault(memberId);

    /// <summary>Reads and composes the due batches in order, on their own DbContext (the planner's writes the batches).</summary>
    private async Task ComposeBatchesAsync(ChannelWriter<ComposedBatch> output, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var due = scope.ServiceProvider.GetRequiredService<DueDigests>();
            var queries = scope.ServiceProvider.GetRequiredService<DigestQueries>();
            var suspensions = scope.ServiceProvider.GetRequiredService<Moderation.ISuspensionCheck>();
            var shared = new DigestSharedSections();
            DueCursor? after = null;
            while (true)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var batch = await due.NextAsync(now, after, cancellationToken);
                if (batch.Count == 0) break;
                after = batch[^1].Cursor;
                var memberIds = batch.Select(d => d.MemberId).ToList();
                var recipients = await due.RecipientsAsync(memberIds, cancellationToken);
                var suspended = await suspensions.SuspendedAmongAsync(memberIds, cancellationToken);
                var memberCases = await queries.MemberCasesAsync(memberIds, cancellationToken);
                var jobs = batch.Select(d => Prepare(d, recipients.GetValueOrDefault(d.MemberId), now, suspended.Contains(d.MemberId))
                    with { MemberCases = memberCases[d.MemberId] }).ToList();
                var planned = await composition.ComposeAsync(jobs, shared, cancellationToken);
                await output.WriteAsync(new ComposedBatch(planned, now), cancellationToken);
            }
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    /// <summary>The period a due digest covers and whether it is composed at all (null recipient: no digest).</summary>
    private DigestJob Prepare(DueDigest due, DigestRecipient? recipient, DateTime now, bool suspended)
    {
        var periodEnd = schedule.LatestDueAtOrBefore(due.Frequency, now) ?? due.DueUtc;
        var period = schedule.PeriodEndingAt(due.Frequency, periodEnd < due.DueUtc ? due.DueUtc : periodEnd);
        var since = due.LastPeriodEndUtc ?? period.StartUtc;
        // Back on the site since the previous digest went out (its window ended at `since`): nothing to remind them of.
        var visited = options.Value.SkipAfterVisit && due.LastSeenUtc is { } seen && seen >= since;
        return new DigestJob(due.MemberId, due.DueUtc, due.Frequency, period, since, visited || suspended ? null : recipient, visited,
            Suspended: suspended);
    }

    /// <summary>
    /// One transaction for the batch. Only the planner that still sees the due instant it read moves a schedule and
    /// writes that digest: the loser of a race (another instance, a second run) writes nothing for that member.
    /// The schedules move with one statement per kind of move (due instant, frequency, period, outcome), not one per digest.
    /// </summary>
    private async Task<List<string>> WriteAsync(IReadOnlyList<PlannedDigest> planned, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var won = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in planned.GroupBy(p => (p.Job.DueUtc, p.Job.Frequency, PeriodEnd: p.Job.Period.EndUtc, p.Outcome)))
        {
            var move = new DigestScheduleMoves.Move(group.Key.DueUtc, schedule.NextDue(group.Key.Frequency, now)!.Value, group.Key.PeriodEnd,
                group.Key.Outcome, now);
            won.UnionWith(await DigestScheduleMoves.ApplyAsync(db, move, group.Select(p => p.Job.MemberId).ToList(), cancellationToken));
        }
        var moved = planned.Where(p => won.Contains(p.Job.MemberId)).ToList();
        var keys = moved.Where(p => p.Mail is not null).Select(p => Key(p.Job)).ToList();
        var existing = keys.Count == 0 ? [] : (await db.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.DedupeKey))
            .Select(m => m.DedupeKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var p in moved.Where(p => p.Mail is not null && !existing.Contains(Key(p.Job))))
            Outbox.Add(db, OutboxKind.Digest, p.Job.MemberId, Key(p.Job), p.Mail!, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var p in moved)
            logger.LogInformation("Digest for member {MemberId}, period {Start:o}–{End:o}: {Outcome}", p.Job.MemberId, p.Job.Period.StartUtc,
                p.Job.Period.EndUtc, p.Outcome);
        return moved.Select(p => p.Outcome).ToList();
    }

    internal static string Key(DigestJob job) => $"{KeyPrefix}{job.MemberId}:{job.Period.StartUtc:o}";
}
