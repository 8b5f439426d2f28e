using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Background;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Ticks every hour of <see cref="TimeProvider"/> time (the first tick after one hour) around <see cref="QueueHealthCheck"/>.</summary>
internal sealed class QueueHealthWorker(IServiceScopeFactory scopes, IOptions<ModerationOptions> options, TimeProvider clock,
    ILogger<QueueHealthWorker> logger) : PeriodicWorker(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.AlertsEnabled;
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override bool RunsAtStart => false;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<QueueHealthCheck>().RunOnceAsync(cancellationToken);
}
