using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Re-renders outdated stored bodies in the background once the app listens, so a new renderer reaches old posts
/// without holding up start-up: even finding none compiles three queries, which took the other core from start-up (5–9 %
/// of its CPU samples, bench/results/2026-12-03-cold-start.md). Requests are served from the stored HTML meanwhile.
/// Failures are logged; the next start resumes.
/// </summary>
public sealed class StoredBodiesAtStartup(StoredBodies bodies, IOptions<RerenderOptions> options, IHostApplicationLifetime lifetime,
    ILogger<StoredBodiesAtStartup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OnStartup) return;
        await ListeningAsync(lifetime, stoppingToken);
        try
        {
            await bodies.RerenderOutdatedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Re-rendering stored bodies failed; the next start (or the rerender command) resumes where it stopped");
        }
    }

    /// <summary>Completes once the app listens (or fails when it stops first).</summary>
    internal static async Task ListeningAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task;
    }
}
