using Microsoft.EntityFrameworkCore;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// Applies pending migrations, then runs every registered <see cref="IStartupTask"/> (content import, admin bootstrap,
/// search index) in registration order, all under the database-wide start-up lock so instances starting together take
/// turns. Runs before Kestrel accepts requests because hosted services start first. With
/// <c>Database:MigrateOnStartup=false</c> the same work is left to the <c>migrate</c> command and a web instance only
/// checks that nothing is pending.
/// </summary>
public sealed class DatabaseMigrator(IServiceProvider services, DatabaseSettings settings, IDatabaseDialect dialect, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        settings.MigrateOnStartup ? MigrateAsync(cancellationToken) : EnsureCurrentAsync(cancellationToken);

    /// <summary>Migrations then start-up tasks, under the lock; what the <c>migrate</c> command runs.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var startupLock = await dialect.AcquireStartupLockAsync(cancellationToken);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) on {Provider}: {Migrations}", pending.Count, dialect.Provider, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database schema is up to date");
        }
        else
        {
            logger.LogInformation("Database schema is up to date on {Provider}; no migration to apply", dialect.Provider);
        }

        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            await task.RunAsync(cancellationToken);
    }

    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}) and Database:MigrateOnStartup is false: run the 'migrate' command first.");
        logger.LogInformation("Database schema is current on {Provider}; migrations are run separately", dialect.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Work that must happen once at start-up, after migrations (imports, bootstrap accounts).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
