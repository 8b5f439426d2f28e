using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// A failed write is caught only when it means what the handler expects — a unique key hit by a racing duplicate —
/// recognised by the provider's error code (SQLite 2067/1555, PostgreSQL 23505); anything else fails the request.
/// Runs on both providers.
/// </summary>
public sealed class FailedWriteTests(CommunityAppFactory app) : IClassFixture<CommunityAppFactory>
{
    private IServiceProvider Services => app.Services;

    private async Task<DbUpdateException> FailedSaveAsync(Action<CommunityDbContext> write)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        write(db);
        return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_dialect_tells_a_duplicate_key_from_any_other_failed_write()
    {
        _ = app.CreateClient();
        var dialect = Services.GetRequiredService<IDatabaseDialect>();
        var author = await app.Seed(A.Member());
        var member = await app.Seed(A.Member());
        var @case = await app.Seed(A.Case().By(author));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            db.Add(new Bookmark(@case.Id, member.Id, now));
            db.Add(Flag.Raise(TargetKind.Case, @case.Id, @case.Id, member.Id, FlagReason.Spam, null, now));
            await db.SaveChangesAsync();
        }

        var primaryKey = await FailedSaveAsync(db => db.Add(new Bookmark(@case.Id, member.Id, now)));
        var uniqueIndex = await FailedSaveAsync(db => db.Add(Flag.Raise(TargetKind.Case, @case.Id, @case.Id, member.Id, FlagReason.Other, "encore", now)));
        var foreignKey = await FailedSaveAsync(db => db.Add(new Bookmark(int.MaxValue, member.Id, now)));

        Assert.True(dialect.IsUniqueViolation(primaryKey));
        Assert.True(dialect.IsUniqueViolation(uniqueIndex));
        Assert.False(dialect.IsUniqueViolation(foreignKey));
    }

    [Fact]
    public async Task A_bookmark_that_fails_for_another_reason_than_a_duplicate_is_not_swallowed()
    {
        _ = app.CreateClient();
        var member = await app.Seed(A.Member());
        using var scope = Services.CreateScope();
        var reactions = scope.ServiceProvider.GetRequiredService<Reactions>();

        // No such case: the foreign key refuses the row, and the caller hears about it.
        await Assert.ThrowsAsync<DbUpdateException>(() => reactions.SetBookmarkAsync(int.MaxValue, member.Id, on: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_flag_that_fails_for_another_reason_than_a_duplicate_is_not_reported_as_already_flagged()
    {
        _ = app.CreateClient();
        var author = await app.Seed(A.Member());
        var @case = await app.Seed(A.Case().By(author));
        using var scope = Services.CreateScope();
        var flags = scope.ServiceProvider.GetRequiredService<FlagService>();

        // A member id the database does not know (an account deleted mid-request): a foreign-key failure, not a duplicate.
        await Assert.ThrowsAsync<DbUpdateException>(() => flags.FlagAsync(TargetKind.Case, @case.Id, "no-such-member", FlagReason.Spam, null));
        Assert.Equal(0, await app.Query(db => db.Set<Flag>().CountAsync(f => f.TargetId == @case.Id)));
    }
}
