namespace RisingGoal.Community.Infrastructure.Background;

/// <summary>
/// The one background loop of the app: on a <see cref="PeriodicTimer"/> driven by the injected <see cref="TimeProvider"/>,
/// open a scope and await one idempotent unit of work (planning, sending, alerting: each writes its decisions down, so a
/// run repeated or cut short is harmless). A failed run is logged and tried again on the next tick; cancellation stops
/// the loop quietly. Subclasses say whether they run, how often, whether the first run is at once, and what a run is.
/// </summary>
public abstract class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>True: the first run starts with the host; false: after the first interval.</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>One unit of work, in a scope of its own.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    private PeriodicTimer? _timer;

    /// <summary>
    /// The timer starts with the host, not when the loop first gets a thread (.NET 10 runs all of ExecuteAsync in the
    /// background): intervals are counted from start-up, so a clock advanced right after start-up is seen.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled) _timer = new PeriodicTimer(Interval, clock);
        return base.StartAsync(cancellationToken);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer) return;
        using var _ = timer;
        try
        {
            if (RunsAtStart) await TickAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await TickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunOnceAsync(scope.ServiceProvider, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Worker} run failed; retrying on the next tick", GetType().Name);
        }
    }
}
