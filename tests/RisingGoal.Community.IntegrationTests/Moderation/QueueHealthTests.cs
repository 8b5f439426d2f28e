using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>Queue health (issue 4, item 10): moderators are alerted once per item that waited too long.</summary>
public sealed class QueueHealthTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;

    public QueueHealthTests(CommunityAppFactory factory)
    {
        // The hourly worker would race the explicit runs below once the clock moves: this class drives RunOnceAsync itself.
        _factory = factory.With("Moderation:AlertAfterHours", "24").With("Moderation:AlertsEnabled", "false");
    }

    private IServiceProvider Services => _factory.Services;

    private async Task<int> RunAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<QueueHealthCheck>().RunOnceAsync();
    }

    private Task<List<OutboxMessage>> AlertsAsync() => _factory.Query(db =>
        db.Set<OutboxMessage>().Where(m => m.DedupeKey.StartsWith(QueueHealthCheck.KeyPrefix)).ToListAsync());

    [Fact]
    public async Task Moderators_are_alerted_once_when_an_item_waited_longer_than_the_limit()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().Speaking("en").WithRole(Roles.Moderator));
        var member = await _factory.Seed(A.Member());
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas oublié dans la file").Pending());

        _factory.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await RunAsync());
        Assert.Empty(await AlertsAsync());

        _factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await RunAsync());
        var alerts = await AlertsAsync();
        var alert = Assert.Single(alerts, a => a.To == moderator.Email);
        Assert.DoesNotContain(alerts, a => a.To == member.Email || a.To == author.Email);
        Assert.Equal("An item has waited too long in the moderation queue", alert.Subject);
        var text = Outbox.Load(alert).TextBody;
        Assert.Contains("Un cas oublié dans la file", text);
        Assert.Contains("waiting for 25 h", text);
        Assert.Contains("http://localhost/moderation", text);

        _factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(alerts.Count, (await AlertsAsync()).Count);
        Assert.Contains(@case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.DedupeKey);
    }

    [Fact]
    public async Task A_suspended_moderator_gets_no_alert_naming_a_pending_post()
    {
        // Its own app: the class's shared one would leave this alert behind for the test above.
        await using var app = new CommunityAppFactory().With("Moderation:AlertAfterHours", "24").With("Moderation:AlertsEnabled", "false");
        var author = await app.Seed(A.Member());
        var (suspended, colleague) = (await app.Seed(A.Member().WithRole(Roles.Moderator)), await app.Seed(A.Member().WithRole(Roles.Moderator)));
        await app.Seed(A.Case().By(author).Titled("Un cas en attente que seul le staff lit").Pending());
        await app.Query(async db =>
        {
            db.Add(Suspension.Start(suspended.Id, colleague.Id, TimeSpan.FromDays(30), "Abus de la file", app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await app.InScopeAsync(sp => sp.GetRequiredService<QueueHealthCheck>().RunOnceAsync()));

        var alerts = await app.Query(db => db.Set<OutboxMessage>().Where(m => m.DedupeKey.StartsWith(QueueHealthCheck.KeyPrefix)).ToListAsync());
        Assert.Single(alerts, a => a.To == colleague.Email);
        Assert.DoesNotContain(alerts, a => a.To == suspended.Email);   // no session, no staff pages: no pending title by mail either
    }
}
