using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Tests.Data;

/// <summary>A real, migrated SQLite file in a temporary folder (no host); deleted on dispose.</summary>
internal sealed class TempSqliteDatabase : IAsyncDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rg-unit", Guid.NewGuid().ToString("N"));

    private TempSqliteDatabase() => Directory.CreateDirectory(_folder);

    public string FilePath => System.IO.Path.Combine(_folder, "community.db");

    public static async Task<TempSqliteDatabase> CreateAsync()
    {
        var database = new TempSqliteDatabase();
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A fresh context (unit of work) on the file; dispose it after use.</summary>
    public SqliteCommunityDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteCommunityDbContext>().UseSqlite($"Data Source={FilePath}").Options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
