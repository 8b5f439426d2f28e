using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Infrastructure.Background;
using RisingGoal.Community.Tests.Data;

namespace RisingGoal.Community.Tests.Platform;

/// <summary>The one background loop: runs on the injected clock, survives a failed run, stops on cancellation.</summary>
public sealed class PeriodicWorkerTests
{
    private sealed class Probe(IServiceScopeFactory scopes, FakeTimeProvider clock, ILogger logger, bool atStart)
        : PeriodicWorker(scopes, clock, logger)
    {
        private TaskCompletionSource _ran = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Runs;

        protected override bool Enabled => true;
        protected override TimeSpan Interval => TimeSpan.FromMinutes(5);
        protected override bool RunsAtStart => atStart;

        public async Task NextRunAsync()
        {
            await _ran.Task.WaitAsync(TimeSpan.FromSeconds(30));   // a guard against a hang, not a wait for time to pass
            _ran = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            var run = ++Runs;
            _ran.TrySetResult();
            return run == 1 ? throw new InvalidOperationException("first run fails") : Task.CompletedTask;
        }
    }

    private static IServiceScopeFactory Scopes() => new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    [Fact]
    public async Task A_failed_run_is_logged_and_the_next_tick_of_the_injected_clock_runs_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        var log = new ListLogger<PeriodicWorkerTests>();
        using var worker = new Probe(Scopes(), clock, log, atStart: true);

        await worker.StartAsync(CancellationToken.None);
        await worker.NextRunAsync();                   // at once, and it fails
        clock.Advance(TimeSpan.FromMinutes(5));
        await worker.NextRunAsync();                   // the loop went on

        Assert.Equal(2, worker.Runs);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("retrying on the next tick"));
        await worker.StopAsync(CancellationToken.None);
        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);   // cancellation ends it quietly
    }

    [Fact]
    public async Task A_worker_that_does_not_run_at_start_waits_one_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 7, 9, 0, 0, TimeSpan.Zero));
        using var worker = new Probe(Scopes(), clock, new ListLogger<PeriodicWorkerTests>(), atStart: false);

        await worker.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, worker.Runs);
        clock.Advance(TimeSpan.FromMinutes(1));
        await worker.NextRunAsync();

        Assert.Equal(1, worker.Runs);
        await worker.StopAsync(CancellationToken.None);
    }
}
