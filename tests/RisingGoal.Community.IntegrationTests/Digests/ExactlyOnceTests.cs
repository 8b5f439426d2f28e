using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>Restarts and second instances on one database: every digest is delivered exactly once.</summary>
public sealed class ExactlyOnceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rg-tests", "shared-" + Guid.NewGuid().ToString("N"));

    public ExactlyOnceTests()
    {
        Directory.CreateDirectory(_folder);
        Database = TestDatabase.NewConnectionString(_folder);
    }

    /// <summary>One database for every instance of the test.</summary>
    private string Database { get; }

    [Fact]
    public async Task A_restart_between_planning_and_sending_delivers_every_digest_exactly_once()
    {
        await using var smtp = new TestSmtpServer().Start();
        var readers = new List<Features.Accounts.Member>();
        DateTimeOffset planned;
        await using (var first = new DigestAppFactory(Database, smtp.Port))
        {
            var author = await first.MemberAsync("author");
            for (var i = 0; i < 3; i++)
            {
                var reader = await first.MemberAsync($"reader{i}");
                await first.OptInAsync(reader, DigestFrequency.Weekly);
                readers.Add(reader);
            }
            await first.CaseAsync(author, "Un cas", []);
            first.AdvancePastNextWeeklyDigest();
            Assert.Equal((3, 0), await first.PlanAsync());
            // A crash while one row was being sent: claimed by an instance that never comes back.
            await first.InScopeAsync(sp => sp.GetRequiredService<CommunityDbContext>().Set<OutboxMessage>()
                .Where(m => m.Id == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedBy, "crashed-instance")
                    .SetProperty(m => m.ClaimedUntilUtc, first.Now().AddMinutes(5))));
            planned = first.Clock.GetUtcNow();
        }   // the app stops before sending

        await using var second = new DigestAppFactory(Database, smtp.Port);
        second.Clock.SetUtcNow(planned);
        Assert.Equal((0, 0), await second.PlanAsync());      // the schedule already moved: nothing planned twice
        Assert.Equal(2, await second.DrainAsync());          // the crashed claim still holds its lease
        second.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await second.DrainAsync());          // lease expired: taken over
        Assert.Equal(0, await second.DrainAsync());

        Assert.All(readers, r => Assert.Single(smtp.To(r.Email!)));
        Assert.Equal(3, smtp.Received.Count);
    }

    [Fact]
    public async Task Two_instances_draining_at_once_send_each_message_once()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var one = new DigestAppFactory(Database, smtp.Port).With("Outbox:BatchSize", "50");
        var author = await one.MemberAsync("author");
        var readers = new List<Features.Accounts.Member>();
        for (var i = 0; i < 12; i++)
        {
            var reader = await one.MemberAsync($"reader{i}");
            await one.OptInAsync(reader, DigestFrequency.Weekly);
            readers.Add(reader);
        }
        await one.CaseAsync(author, "Un cas", []);
        one.AdvancePastNextWeeklyDigest();

        await using var two = new DigestAppFactory(Database, smtp.Port).With("Outbox:BatchSize", "50");
        two.Clock.SetUtcNow(one.Clock.GetUtcNow());
        var plans = await Task.WhenAll(one.PlanAsync(), two.PlanAsync(), one.PlanAsync());
        Assert.Equal(12, plans.Sum(p => p.Queued));

        var sends = await Task.WhenAll(one.DrainAsync(), two.DrainAsync(), one.DrainAsync(), two.DrainAsync());
        Assert.Equal(12, sends.Sum());
        Assert.Equal(12, smtp.Received.Count);
        Assert.All(readers, r => Assert.Single(smtp.To(r.Email!)));
        Assert.All(await one.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    public void Dispose()
    {
        TestDatabase.Drop(Database);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
