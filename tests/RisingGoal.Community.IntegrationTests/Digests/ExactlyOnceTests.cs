using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>Restarts, crashes and second instances on one database: every digest is delivered exactly once, and soon.</summary>
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
            var author = await first.Seed(A.Member().Called("author"));
            for (var i = 0; i < 3; i++)
            {
                var reader = await first.Seed(A.Member().Called($"reader{i}").WithDigest(DigestFrequency.Weekly));
                readers.Add(reader);
            }
            await first.Seed(A.Case().By(author).Titled("Un cas"));
            first.AdvancePastNextWeeklyDigest();
            Assert.Equal((3, 0), await first.Services.PlanDigestsAsync());
            // A crash while one row was being sent: claimed by an instance that never comes back.
            await first.Query(db => db.Set<OutboxMessage>()
                .Where(m => m.Id == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.ClaimedBy, "crashed-instance")
                    .SetProperty(m => m.ClaimedUntilUtc, first.Clock.GetUtcNow().UtcDateTime.AddMinutes(5))));
            planned = first.Clock.GetUtcNow();
        }   // the app stops before sending

        await using var second = new DigestAppFactory(Database, smtp.Port);
        second.Clock.SetUtcNow(planned);
        Assert.Equal((0, 0), await second.Services.PlanDigestsAsync());      // the schedule already moved: nothing planned twice
        Assert.Equal(2, await second.Services.DrainOutboxOnceAsync());          // the crashed claim still holds its lease
        second.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await second.Services.DrainOutboxOnceAsync());          // lease expired: taken over
        Assert.Equal(0, await second.Services.DrainOutboxOnceAsync());

        Assert.All(readers, r => Assert.Single(smtp.To(r.Email!)));
        Assert.Equal(3, smtp.Received.Count);
    }

    [Fact]
    public async Task Mail_claimed_by_a_sender_that_died_while_sending_is_delivered_by_another_instance_within_a_minute()
    {
        await using var stuck = new TestSmtpServer { HoldUntil = new TaskCompletionSource().Task }.Start();   // never answers
        await using var healthy = new TestSmtpServer().Start();
        DateTimeOffset crashedAt;
        await using var dead = new DigestAppFactory(Database, stuck.Port);   // disposed only when the test ends
        var member = await dead.Seed(A.Member().Called("waiting"));
        await dead.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var mail = sp.GetRequiredService<MailComposer>().Compose(member.Email!, "waiting", "Notification", ["…"]);
            Outbox.Add(db, OutboxKind.Notification, member.Id, "test:crash", mail, dead.Clock.GetUtcNow().UtcDateTime);
            return db.SaveChangesAsync();
        });
        _ = dead.Services.DrainOutboxOnceAsync();          // claims the message with the real sender, then hangs on the stuck server
        await stuck.FirstArrival;       // mid-send: claimed, data handed over, no answer
        crashedAt = dead.Clock.GetUtcNow();
        // kill -9: the process is gone (its claim stays in the database; nothing it would do on shutdown runs).

        await using var other = new DigestAppFactory(Database, healthy.Port);
        other.Clock.SetUtcNow(crashedAt);
        Assert.Equal(0, await other.Services.DrainOutboxOnceAsync());               // the dead sender's claim still holds
        other.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await other.Services.DrainOutboxOnceAsync());               // under a minute later: taken over and sent
        Assert.Single(healthy.To(member.Email!));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await other.Services.OutboxRowsAsync()).Status);
    }

    [Fact]
    public async Task Two_instances_draining_at_once_send_each_message_once()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var one = new DigestAppFactory(Database, smtp.Port).With("Outbox:BatchSize", "50");
        var author = await one.Seed(A.Member().Called("author"));
        var readers = new List<Features.Accounts.Member>();
        for (var i = 0; i < 12; i++)
        {
            var reader = await one.Seed(A.Member().Called($"reader{i}").WithDigest(DigestFrequency.Weekly));
            readers.Add(reader);
        }
        await one.Seed(A.Case().By(author).Titled("Un cas"));
        one.AdvancePastNextWeeklyDigest();

        await using var two = new DigestAppFactory(Database, smtp.Port).With("Outbox:BatchSize", "50");
        two.Clock.SetUtcNow(one.Clock.GetUtcNow());
        var plans = await Task.WhenAll(one.Services.PlanDigestsAsync(), two.Services.PlanDigestsAsync(), one.Services.PlanDigestsAsync());
        Assert.Equal(12, plans.Sum(p => p.Queued));

        var sends = await Task.WhenAll(one.Services.DrainOutboxOnceAsync(), two.Services.DrainOutboxOnceAsync(), one.Services.DrainOutboxOnceAsync(), two.Services.DrainOutboxOnceAsync());
        Assert.Equal(12, sends.Sum());
        Assert.Equal(12, smtp.Received.Count);
        Assert.All(readers, r => Assert.Single(smtp.To(r.Email!)));
        Assert.All(await one.Services.OutboxRowsAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    /// <summary>
    /// Digests composed in parallel and written a batch per transaction (issue 19, item 5: 10,000 in under 30 s): still
    /// one digest per member and period, none missing, whoever plans at the same time, and a pseudonym never names its author.
    /// </summary>
    [Fact]
    public async Task Two_instances_planning_at_once_with_parallel_composers_queue_one_digest_per_member_none_missing_none_twice()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var one = new DigestAppFactory(Database, smtp.Port).With("Digests:BatchSize", "7").With("Digests:Parallelism", "4")
            .With("Outbox:BatchSize", "100");
        var hiddenAuthor = await one.Seed(A.Member().Called("camille").Named("Camille Réelle"));
        var other = await one.Seed(A.Member().Called("autre").Named("Autre Autrice"));
        var readers = new List<Features.Accounts.Member>();
        for (var i = 0; i < 30; i++)
        {
            var reader = await one.Seed(A.Member().Called($"lecteur{i}").Speaking(i % 3 == 0 ? "en" : "fr")
                .WithDigest(DigestFrequency.Weekly, i % 2 == 0 ? ["centralisation"] : []));
            readers.Add(reader);
        }
        one.Clock.Advance(TimeSpan.FromHours(2));
        await one.Seed(A.Case().By(hiddenAuthor).Titled("Revue trimestrielle de façade").Tagged("centralisation").UnderPseudonym("Coach du Nord"));
        await one.Seed(A.Case().By(other).Titled("Objectifs en cascade sans marge").Tagged("centralisation"));
        one.AdvancePastNextWeeklyDigest();

        await using var two = new DigestAppFactory(Database, smtp.Port).With("Digests:BatchSize", "5").With("Digests:Parallelism", "3");
        two.Clock.SetUtcNow(one.Clock.GetUtcNow());
        var plans = await Task.WhenAll(one.Services.PlanDigestsAsync(), two.Services.PlanDigestsAsync(), one.Services.PlanDigestsAsync(), two.Services.PlanDigestsAsync());

        Assert.Equal((30, 0), (plans.Sum(p => p.Queued), plans.Sum(p => p.Skipped)));
        var digests = (await one.Services.OutboxRowsAsync()).Where(m => m.Kind == OutboxKind.Digest).ToList();
        Assert.Equal(readers.Select(r => r.Id).Order(), digests.Select(d => d.MemberId!).Order());   // one each: none missing, none twice
        Assert.Equal((0, 0), await one.Services.PlanDigestsAsync());
        Assert.Equal((0, 0), await two.Services.PlanDigestsAsync());

        Assert.Equal(30, await one.Services.DrainOutboxOnceAsync());
        Assert.Equal(30, smtp.Received.Count);
        foreach (var reader in readers)
        {
            var mail = Assert.Single(smtp.To(reader.Email!));
            Assert.Contains("Coach du Nord", mail.TextBody);
            Assert.Contains("Autre Autrice", mail.TextBody);
            foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
            {
                Assert.DoesNotContain("Camille", body);   // the pseudonymous case's author, by name or account
                Assert.DoesNotContain("camille", body);
            }
        }
        Assert.Contains("by Coach du Nord", Assert.Single(smtp.To(readers[0].Email!)).TextBody);   // each in its reader's language
        Assert.Contains("par Coach du Nord", Assert.Single(smtp.To(readers[1].Email!)).TextBody);
    }

    public void Dispose()
    {
        TestDatabase.Drop(Database);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
