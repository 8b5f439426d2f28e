using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// The one unit of work. Features add their entities through <c>IEntityTypeConfiguration</c> classes in their own
/// folder and read them with <c>Set&lt;T&gt;()</c>, so this file does not change when a feature grows.
/// </summary>
/// <remarks>
/// Provider subclasses carry their own migrations:
/// <c>dotnet ef migrations add Name --project src/RisingGoal.Community --context SqliteCommunityDbContext --output-dir Infrastructure/Data/Migrations/Sqlite</c>
/// </remarks>
public abstract class CommunityDbContext(DbContextOptions options)
    : IdentityDbContext<Member, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommunityDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC DateTime (named ...Utc); SQLite hands them back Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}
