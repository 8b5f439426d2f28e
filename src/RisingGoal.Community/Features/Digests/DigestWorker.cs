using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Background;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Thin loop around <see cref="DigestPlanner.PlanAsync"/>; the outbox worker does the sending.</summary>
internal sealed class DigestWorker(IServiceScopeFactory scopes, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<DigestWorker> logger) : PeriodicWorker(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DigestPlanner>().PlanAsync(cancellationToken);
}
