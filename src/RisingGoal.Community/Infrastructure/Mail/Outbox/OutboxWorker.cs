using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Background;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>Thin loop around <see cref="OutboxSender.DrainOnceAsync"/>: each tick drains batches until none is left.</summary>
internal sealed class OutboxWorker(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock,
    ILogger<OutboxWorker> logger) : PeriodicWorker(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Enabled;
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<OutboxSender>();
        while (await sender.DrainOnceAsync(cancellationToken) > 0) { }
    }
}
