using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RisingGoal.Community.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The few things that differ between the two databases and are not search (see <c>ISearchIndex</c>): the lock that
/// keeps two starting instances from migrating or importing at once, backups, and what a failed write means.
/// Everything else goes through EF.
/// </summary>
public interface IDatabaseDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>A database-wide lock held until disposed; start-up work (migrations, imports) runs under it.</summary>
    Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken);

    /// <summary>Writes a consistent copy of the database to <paramref name="path"/> while the site keeps running.</summary>
    Task BackupAsync(CommunityDbContext db, string path, CancellationToken cancellationToken);

    /// <summary>
    /// True when the save failed on a unique index or primary key (two requests raced to insert the same row), by the
    /// provider's own error code; any other failure (foreign key, disk, lock timeout) is not this and must not be treated so.
    /// </summary>
    bool IsUniqueViolation(DbUpdateException exception);
}

/// <summary>
/// SQLite serves one machine: the lock only orders start-up work inside this process (migrations themselves are
/// guarded by EF's own lock table).
/// </summary>
internal sealed class SqliteDialect : IDatabaseDialect
{
    private static readonly SemaphoreSlim StartupGate = new(1, 1);

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555), the extended result codes.</summary>
    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };

    public async Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken)
    {
        await StartupGate.WaitAsync(cancellationToken);
        return new Release(() => StartupGate.Release());
    }

    /// <summary><c>VACUUM INTO</c> copies a consistent snapshot (readers and the writer go on) into a compact new file.</summary>
    public async Task BackupAsync(CommunityDbContext db, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) throw new IOException($"{full} already exists; choose a new file name.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {full}", cancellationToken);
    }

    private sealed class Release(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// PostgreSQL: a session-level advisory lock on a dedicated connection, so instances starting together take turns;
/// it is released when the connection closes, even if the process dies.
/// </summary>
internal sealed class PostgresDialect(string connectionString) : IDatabaseDialect
{
    /// <summary>An arbitrary constant shared by every instance of this application ("RGcommun").</summary>
    private const long StartupLockKey = 0x5247636F6D6D756E;

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>SQLSTATE 23505 (unique_violation), which primary keys raise too.</summary>
    public bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public async Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken)
    {
        // Advisory locks belong to one database, so the database must exist before anyone can lock it.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await connection.DisposeAsync();
            await CreateDatabaseAsync(builder, cancellationToken);
            connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", StartupLockKey);
            command.CommandTimeout = 0;   // wait as long as the other instance needs
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;   // disposing closes the session, which releases the lock
    }

    /// <summary>Creates the empty database from the maintenance database; losing a race with another instance is fine.</summary>
    private static async Task CreateDatabaseAsync(NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var name = target.Database ?? throw new InvalidOperationException("ConnectionStrings:Community names no Database.");
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    public Task BackupAsync(CommunityDbContext db, string path, CancellationToken cancellationToken) =>
        throw new NotSupportedException("On PostgreSQL use pg_dump (see README, \"Running on PostgreSQL with several instances\").");
}
