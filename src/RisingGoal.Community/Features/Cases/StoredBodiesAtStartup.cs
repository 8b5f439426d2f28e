using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// Re-renders outdated stored bodies in the background once the database is migrated (hosted services start in order),
/// so a new renderer reaches old posts without holding up start-up. Failures are logged; the next start resumes.
/// </summary>
public sealed class StoredBodiesAtStartup(StoredBodies bodies, IOptions<RerenderOptions> options, ILogger<StoredBodiesAtStartup> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.OnStartup) return;
        await Task.Yield();   // let start-up go on: requests are served from the stored HTML meanwhile
        try
        {
            await bodies.RerenderOutdatedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Re-rendering stored bodies failed; the next start (or the rerender command) resumes where it stopped");
        }
    }
}
