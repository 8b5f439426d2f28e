using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RisingGoal.Community.Infrastructure.Data;

public static class DataSetup
{
    /// <summary>
    /// Registers the DbContext for <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>Postgres</c>) with
    /// <c>ConnectionStrings:Community</c>, the provider's dialect, the start-up migrator and the data-protection key
    /// store (in the database, so every instance reads the same key ring).
    /// </summary>
    public static IServiceCollection AddCommunityData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        var configured = configuration.GetConnectionString("Community");
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
                var connectionString = string.IsNullOrWhiteSpace(configured)
                    ? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Community is empty.")
                    : configured;
                services.AddDbContext<CommunityDbContext, PostgresCommunityDbContext>(o => o.UseNpgsql(connectionString),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddSingleton<IDatabaseDialect>(new PostgresDialect(connectionString));
                // Several instances: evictions travel through LISTEN/NOTIFY (see README, "Caches on several instances").
                services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Web.PostgresEvictionBus>(sp, connectionString));
                services.AddSingleton<Web.IEvictionBus>(sp => sp.GetRequiredService<Web.PostgresEvictionBus>());
                // ...and rate limits are counted in the database too, so N instances do not grant N times the permits.
                services.AddSingleton<Web.ISharedRateLimitCounters>(sp => new Web.PostgresRateLimitCounters(connectionString, sp.GetRequiredService<TimeProvider>()));
                break;
            default:
                var busySeconds = configuration.GetValue("Database:BusyTimeoutSeconds", 30);
                var sqlite = SqliteConnectionString(configured, environment.ContentRootPath, busySeconds);
                services.AddDbContext<CommunityDbContext, SqliteCommunityDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(new SqlitePragmas(busySeconds)),
                    optionsLifetime: ServiceLifetime.Singleton);
                services.AddSingleton<IDatabaseDialect, SqliteDialect>();
                services.AddSingleton<Web.IEvictionBus, Web.SingleInstanceEvictionBus>();
                break;
        }
        // Options are built once (singleton), not per request: a profile showed option building, connection-string parsing
        // and a directory check in every request's scope. Interceptors added through ConfigureCommunityDbContext are singletons.
        // Registered before data protection: hosted services start in order, and the key ring lives in the database.
        services.AddScoped<OnDemandDb>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
        // Listens once the database exists (the migrator creates it when missing).
        if (settings.Provider == DatabaseProvider.Postgres)
            services.AddHostedService(sp => sp.GetRequiredService<Web.PostgresEvictionBus>());
        var keyRing = services.AddDataProtection()
            .SetApplicationName("RisingGoal.Community")
            .PersistKeysToDbContext<CommunityDbContext>();
        // Keys at rest: encrypted with a certificate when one is configured (production; see README "Production notes").
        if (DataProtectionCertificate.Load(configuration) is { } certificate) keyRing.ProtectKeysWithCertificate(certificate);
        RememberedUnprotect.Decorate(services);
        services.AddScoped<IStartupTask, DataProtectionKeyBootstrap>();
        // Side effects of writes (search index, caches) in the order WriteEffectStage gives; features add IWriteEffects.
        services.AddSingleton<WriteEffects>();
        services.AddSingleton<WriteEffectsSaveInterceptor>();
        services.AddSingleton<WriteEffectsTransactionInterceptor>();
        services.ConfigureCommunityDbContext((sp, o) => o.AddInterceptors(
            sp.GetRequiredService<WriteEffectsSaveInterceptor>(), sp.GetRequiredService<WriteEffectsTransactionInterceptor>()));
        return services;
    }

    /// <summary>Adds options (interceptors) to whichever provider's context is registered; runs once, on the root provider.</summary>
    public static IServiceCollection ConfigureCommunityDbContext(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        services.ConfigureDbContext<SqliteCommunityDbContext>(configure);
        services.ConfigureDbContext<PostgresCommunityDbContext>(configure);
        return services;
    }

    /// <summary>Relative file names are resolved against the content root, and the folder is created.</summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot, int busySeconds = 30)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=App_Data/community.db");
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        // Writers wait for the lock (30 s by default) instead of failing at once with SQLITE_BUSY; past it, 503 (DatabaseBusy).
        builder.DefaultTimeout = busySeconds;
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Per-connection settings: WAL lets readers and one writer work at once. Applied once per physical connection: the
    /// pool hands the same one out again with its settings, and a statement on every open was a round trip per query.
    /// </summary>
    private sealed class SqlitePragmas(int busySeconds) : DbConnectionInterceptor
    {
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _applied = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle } && !_applied.TryAdd(handle, handle)) return;
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busySeconds * 1000}; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}

/// <param name="MigrateOnStartup">
/// False when operators run <c>migrate</c> as a separate deployment step: the web instance then checks that the schema
/// is current and refuses to start otherwise.
/// </param>
public sealed record DatabaseSettings(DatabaseProvider Provider, bool MigrateOnStartup)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(name) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres
            : throw new InvalidOperationException($"Database:Provider '{name}' is not supported; use 'Sqlite' or 'Postgres'.");
        return new DatabaseSettings(provider, configuration.GetValue("Database:MigrateOnStartup", true));
    }
}
