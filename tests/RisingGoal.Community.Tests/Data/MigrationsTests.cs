using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void Every_model_change_has_its_sqlite_migration()
    {
        using var db = new SqliteCommunityDbContext(new DbContextOptionsBuilder<SqliteCommunityDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: run the 'dotnet ef migrations add' command from the README.");
    }
}
