using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>
/// The planner's write at scale (issue 19, item 5): batches read in index order while the previous one is written, and
/// one schedule update per kind of move, not one per digest; still one digest per member, and only for the schedules
/// this planner moved.
/// </summary>
public sealed class DigestBatchWriteTests
{
    [Fact]
    public async Task Batches_plan_every_member_once_with_one_schedule_update_per_kind_of_move_in_a_batch()
    {
        await using var app = new DigestAppFactory().With("Caching:Enabled", "true").With("Digests:BatchSize", "4").With("Digests:Parallelism", "2");
        var updates = new CommandsMentioning("UPDATE \"DigestPreferences\"");
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureCommunityDbContext((_, o) => o.AddInterceptors(updates))));
        var author = await app.Seed(A.Member().Called("autrice"));
        var weekly = new List<string>();
        for (var i = 0; i < 10; i++) weekly.Add((await app.Seed(A.Member().Called($"hebdo{i}").WithDigest(DigestFrequency.Weekly, "centralisation"))).Id);
        var daily = new List<string>();
        for (var i = 0; i < 2; i++) daily.Add((await app.Seed(A.Member().Called($"quotidien{i}").WithDigest(DigestFrequency.Daily, "centralisation"))).Id);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Un cas de la semaine").Tagged("centralisation"));
        app.AdvancePastNextWeeklyDigest();

        var run = await counted.InScopeAsync(sp => sp.GetRequiredService<DigestPlanner>().RunAsync(default));

        // Twelve due in batches of four: [2 daily, 2 weekly], [4 weekly], [4 weekly] (daily ones are due first) → four
        // statements; one per digest would be twelve. The daily digests' day saw nothing new.
        Assert.Equal(new DigestPlanner.RunCounts(10, 2, 0), run);
        Assert.Equal(4, updates.Count);
        var digests = (await counted.Services.OutboxRowsAsync()).Where(m => m.Kind == OutboxKind.Digest).ToList();
        Assert.Equal(weekly.Order(), digests.Select(d => d.MemberId!).Order());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var schedules = await counted.Query(db => db.Set<DigestPreference>().AsNoTracking().ToDictionaryAsync(p => p.MemberId));
        Assert.All(weekly, id => Assert.Equal(DigestPlanner.Queued, schedules[id].LastOutcome));
        Assert.All(daily, id => Assert.Equal(DigestPlanner.NothingNew, schedules[id].LastOutcome));
        Assert.All(schedules.Values, s => Assert.True(s.NextDigestDueUtc > now));
        Assert.Equal((0, 0), await counted.Services.PlanDigestsAsync());
    }

    /// <summary>The exactly-once guard, on both databases: a schedule someone else moved after it was read is left alone, and its digest is not written.</summary>
    [Fact]
    public async Task Only_the_schedules_still_showing_the_due_instant_read_are_moved_and_reported()
    {
        await using var app = new DigestAppFactory().With("Caching:Enabled", "true");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await app.Seed(A.Member().Called($"lecteur{i}").WithDigest(DigestFrequency.Weekly))).Id);
        app.AdvancePastNextWeeklyDigest();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var due = (await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstAsync(p => p.MemberId == ids[0]))).NextDigestDueUtc!.Value;
        var other = new DigestScheduleMoves.Move(due, due.AddDays(7), due, DigestPlanner.NothingNew, now.AddSeconds(-1));
        var mine = new DigestScheduleMoves.Move(due, due.AddDays(7), due, DigestPlanner.Queued, now);
        // Another planner got to the last member between our read and our write.
        Assert.Equal(new[] { ids[2] }, await app.Query(db => DigestScheduleMoves.ApplyAsync(db, other, [ids[2]], default)));

        var moved = await app.Query(db => DigestScheduleMoves.ApplyAsync(db, mine, ids, default));

        Assert.Equal(ids.Take(2).Order(), moved.Order());
        var schedules = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().ToDictionaryAsync(p => p.MemberId));
        Assert.Equal(DigestPlanner.NothingNew, schedules[ids[2]].LastOutcome);   // the other planner's outcome stands
        foreach (var id in ids.Take(2))
        {
            Assert.Equal(DigestPlanner.Queued, schedules[id].LastOutcome);
            Assert.Equal(due.AddDays(7), schedules[id].NextDigestDueUtc);
            Assert.Equal(due, schedules[id].LastDigestPeriodEndUtc);
        }
        Assert.Empty(await app.Query(db => DigestScheduleMoves.ApplyAsync(db, mine, ids, default)));   // a second try moves nothing
    }
}
