using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>The PostgreSQL flavour of the model; owns the migrations under Migrations/Postgres.</summary>
/// <remarks>
/// <c>dotnet ef migrations add Name --project src/RisingGoal.Community --context PostgresCommunityDbContext --output-dir Infrastructure/Data/Migrations/Postgres</c>
/// </remarks>
public sealed class PostgresCommunityDbContext(DbContextOptions<PostgresCommunityDbContext> options)
    : CommunityDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the context without a server: adding a migration never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCommunityDbContext>
{
    public PostgresCommunityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCommunityDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design;Username=postgres").Options);
}
