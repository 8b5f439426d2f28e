using Microsoft.EntityFrameworkCore;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// Applies pending migrations, then runs every registered <see cref="IStartupTask"/> (content import, admin bootstrap)
/// in registration order. Runs before Kestrel accepts requests because hosted services start first.
/// </summary>
internal sealed class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is up to date");
        }
        else
        {
            logger.LogInformation("Database schema is up to date; no migration to apply");
        }

        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            await task.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work that must happen once at start-up, after migrations (imports, bootstrap accounts).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
