using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>The operator side of the database: separate migration step and online backups.</summary>
public sealed class DatabaseOperationsTests
{
    [Fact]
    public void With_migrations_left_to_a_separate_step_the_app_refuses_an_out_of_date_schema()
    {
        using var app = new CommunityAppFactory().With("Database:MigrateOnStartup", "false");
        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("run the 'migrate' command first", error.Message);
    }

    [Fact]
    public async Task The_migrate_step_then_lets_the_app_start()
    {
        using var first = new CommunityAppFactory();
        await first.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);   // what `migrate` runs
        using var app = new CommunityAppFactory().With("Database:MigrateOnStartup", "false").With("ConnectionStrings:Community", first.ConnectionString);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
    }

    [SqliteOnlyFact]
    public async Task Backup_writes_a_consistent_copy_of_a_running_sqlite_database()
    {
        using var app = new CommunityAppFactory();
        _ = app.CreateClient();
        var target = Path.Combine(Path.GetTempPath(), "rg-tests", "backup-" + Guid.NewGuid().ToString("N"), "copy.db");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            await app.Services.GetRequiredService<IDatabaseDialect>().BackupAsync(db, target, CancellationToken.None);
            // Never overwrites an earlier backup.
            await Assert.ThrowsAsync<IOException>(() => app.Services.GetRequiredService<IDatabaseDialect>().BackupAsync(db, target, CancellationToken.None));
        }
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Tags";
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);   // the taxonomy imported at start-up is in the copy
        Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
    }
}
