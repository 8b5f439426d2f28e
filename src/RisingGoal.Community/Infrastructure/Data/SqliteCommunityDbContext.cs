using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>The SQLite flavour of the model; owns the migrations under Migrations/Sqlite.</summary>
public sealed class SqliteCommunityDbContext(DbContextOptions<SqliteCommunityDbContext> options)
    : CommunityDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCommunityDbContext>
{
    public SqliteCommunityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCommunityDbContext>().UseSqlite("Data Source=design.db").Options);
}
