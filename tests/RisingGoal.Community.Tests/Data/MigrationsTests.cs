using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Tests.Data;

/// <summary>Both migration sets must follow the one model; neither needs a server to check.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Every_model_change_has_its_sqlite_migration()
    {
        using var db = new SqliteCommunityDbContext(new DbContextOptionsBuilder<SqliteCommunityDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: run the 'dotnet ef migrations add' command from the README.");
    }

    [Fact]
    public void Every_model_change_has_its_postgres_migration()
    {
        using var db = new PostgresCommunityDbContext(new DbContextOptionsBuilder<PostgresCommunityDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused;Username=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run the 'dotnet ef migrations add' command from the README for PostgresCommunityDbContext.");
    }
}
