using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Digests;

/// <summary>Thin loop around <see cref="DigestPlanner.PlanAsync"/>; the outbox worker does the sending.</summary>
internal sealed class DigestWorker(IServiceScopeFactory scopes, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<DigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DigestPlanner>().PlanAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Digest planning failed; retrying on the next tick");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
