using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RisingGoal.Community.Infrastructure.Data;

public static class DataSetup
{
    /// <summary>Registers the DbContext for the configured provider (only SQLite for now) and the data-protection key store.</summary>
    public static IServiceCollection AddCommunityData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported yet; use 'Sqlite'.");

        var connectionString = SqliteConnectionString(configuration.GetConnectionString("Community"), environment.ContentRootPath);
        services.AddDbContext<CommunityDbContext, SqliteCommunityDbContext>(o => o
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas()));
        // Registered before data protection: hosted services start in order, and the key ring lives in the database.
        services.AddHostedService<DatabaseMigrator>();
        services.AddDataProtection()
            .SetApplicationName("RisingGoal.Community")
            .PersistKeysToDbContext<CommunityDbContext>();
        return services;
    }

    /// <summary>Relative file names are resolved against the content root, and the folder is created.</summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=App_Data/community.db");
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers wait up to 30 s for the lock instead of failing at once with SQLITE_BUSY.
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>Per-connection settings: WAL lets readers and one writer work at once.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}
