using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>A due digest, ready to compose: whose, which period, from when. No recipient: nothing is composed.</summary>
/// <param name="Visited">Skipped because the member visited since the previous digest (<see cref="DigestOptions.SkipAfterVisit"/>).</param>
/// <param name="MemberCases">The member's own cases, read for the whole batch.</param>
/// <param name="Suspended">Skipped because the member is suspended: the schedule moves on, so no missed digest follows later.</param>
public sealed record DigestJob(string MemberId, DateTime DueUtc, DigestFrequency Frequency, DigestPeriod Period, DateTime SinceUtc,
    DigestRecipient? Recipient, bool Visited, DigestMemberCases? MemberCases = null, bool Suspended = false);

/// <summary>A composed digest: its outcome, and the message, already serialised, when there is one to queue.</summary>
public sealed record PlannedDigest(DigestJob Job, string Outcome, OutboxMail? Mail);

/// <summary>
/// Composes a batch of digests in parallel, outside any transaction: each worker has its own scope (its own DbContext
/// and connection) and takes the next job until none is left. The degree is bounded (<see cref="DigestOptions.Parallelism"/>,
/// by default the number of cores) so that pages keep being served while digests are composed.
/// </summary>
public sealed class DigestComposition(IServiceScopeFactory scopes, DigestMessageBuilder builder, Microsoft.Extensions.Options.IOptions<DigestOptions> options)
{
    private int Degree => options.Value.Parallelism > 0 ? options.Value.Parallelism : Environment.ProcessorCount;

    public async Task<PlannedDigest[]> ComposeAsync(IReadOnlyList<DigestJob> jobs, DigestSharedSections shared, CancellationToken cancellationToken)
    {
        var planned = new PlannedDigest[jobs.Count];
        var next = -1;
        var toCompose = jobs.Count(j => j.Recipient is not null);
        var workers = Enumerable.Range(0, Math.Clamp(toCompose, 1, Degree)).Select(_ => Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var composer = scope.ServiceProvider.GetRequiredService<DigestComposer>();
            for (int i; (i = Interlocked.Increment(ref next)) < jobs.Count;)
                planned[i] = await ComposeOneAsync(jobs[i], composer, shared, cancellationToken);
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        return planned;
    }

    private async Task<PlannedDigest> ComposeOneAsync(DigestJob job, DigestComposer composer, DigestSharedSections shared, CancellationToken cancellationToken)
    {
        if (job.Suspended) return new PlannedDigest(job, DigestPlanner.MemberSuspended, null);
        if (job.Visited) return new PlannedDigest(job, DigestPlanner.VisitedSince, null);
        if (job.Recipient is not { } recipient) return new PlannedDigest(job, DigestPlanner.NothingNew, null);
        var content = await composer.ComposeAsync(recipient, job.SinceUtc, job.Period.EndUtc, cancellationToken, shared, job.MemberCases);
        if (content.IsEmpty) return new PlannedDigest(job, DigestPlanner.NothingNew, null);
        var message = builder.Build(recipient, content);
        DigestRecomposer.AddWindow(message, job.SinceUtc, job.Period.EndUtc);
        // Serialised here, in parallel, so that the serial write only inserts bytes.
        return new PlannedDigest(job, DigestPlanner.Queued, Outbox.Prepare(message, DigestPlanner.Key(job)));
    }
}
