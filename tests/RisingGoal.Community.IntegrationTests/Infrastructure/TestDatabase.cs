using Microsoft.Data.Sqlite;
using Npgsql;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Which database the integration tests run on. SQLite by default; <c>RG_TEST_DATABASE=Postgres</c> with
/// <c>RG_TEST_POSTGRES</c> (a connection string without a database, e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>)
/// runs every test class on a PostgreSQL database of its own, created by the app's start-up and dropped afterwards.
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("RG_TEST_DATABASE"), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    private static string Server =>
        Environment.GetEnvironmentVariable("RG_TEST_POSTGRES") is { Length: > 0 } server ? server
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    /// <summary>A fresh database: a file in <paramref name="folder"/> on SQLite, a new database name on PostgreSQL.</summary>
    public static string NewConnectionString(string folder) => IsPostgres
        ? new NpgsqlConnectionStringBuilder(Server) { Database = "rg_test_" + Guid.NewGuid().ToString("N") }.ConnectionString
        : $"Data Source={Path.Combine(folder, "community.db")}";

    /// <summary>Closes pooled connections and, on PostgreSQL, drops the database (if it was ever created).</summary>
    public static void Drop(string connectionString)
    {
        if (!IsPostgres)
        {
            SqliteConnection.ClearAllPools();
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test about SQLite itself (its files, its pragmas); skipped when the suite runs on PostgreSQL.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = "SQLite only";
    }
}

/// <summary>A test that needs PostgreSQL (several instances on one server); skipped in the SQLite run.</summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (!TestDatabase.IsPostgres) Skip = "PostgreSQL only (RG_TEST_DATABASE=Postgres)";
    }
}
