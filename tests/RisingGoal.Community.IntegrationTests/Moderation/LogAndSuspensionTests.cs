using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

public sealed class LogAndSuspensionTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;

    public LogAndSuspensionTests(CommunityAppFactory factory) => _factory = factory;

    private IServiceProvider Services => _factory.Services;

    [Fact]
    public async Task The_public_log_hides_private_notes_and_the_author_behind_a_pseudonym()
    {
        var author = await _factory.Seed(A.Member().Named("Bernadette Vraienom"));
        var moderator = await _factory.Seed(A.Member().Named("Modo Public").WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Coach anonyme"));
        var client = await _factory.SignedInAs(moderator);
        await _factory.Query(async db =>
        {
            db.Add(Flag.Raise(TargetKind.Case, @case.Id, @case.Id, moderator.Id, FlagReason.OffTopic, null, _factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var queue = await client.Http.GetStringAsync("/moderation");
        Assert.DoesNotContain("Bernadette Vraienom", queue);       // not even moderators see who is behind a pseudonym
        await client.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.PrivateNote"] = "secret moderators' note" },
            $"#item-case-{@case.Id} form.lock");

        var html = await _factory.CreateClient().GetStringAsync("/moderation/log");

        Assert.Contains("Modo Public", html);
        Assert.Contains("Un cas sous pseudonyme", html);
        Assert.DoesNotContain("secret moderators", html);
        Assert.DoesNotContain("Bernadette", html);
        Assert.DoesNotContain(author.Id, html);
    }

    [Fact]
    public async Task A_moderator_who_deletes_their_account_stays_a_former_moderator_in_the_log_not_an_automatic_action()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().Named("Modo Parti").WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas verrouillé par un modérateur parti"));
        await _factory.Query(async db =>
        {
            db.Add(ModerationLogEntry.Record(new ModerationActor(moderator.Id, "Modo Parti"), ModerationAction.Lock,
                new ModerationTarget(TargetKind.Case, @case.Id, null, author.Id), null, null, _factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RisingGoal.Community.Features.Accounts.Member>>();
            var deleted = await scope.ServiceProvider.GetRequiredService<RisingGoal.Community.Features.Accounts.AccountDeletion>()
                .DeleteAsync((await users.FindByIdAsync(moderator.Id))!, default);
            Assert.True(deleted.Succeeded);
        }

        var row = FormClient.Parse(await _factory.CreateClient().GetStringAsync("/moderation/log"))
            .QuerySelectorAll("table.moderation-log tbody tr").Single(tr => tr.TextContent.Contains("Un cas verrouillé par un modérateur parti"));
        Assert.Equal("Un ancien modérateur", row.QuerySelector("td:nth-child(2)")!.TextContent.Trim());
        Assert.DoesNotContain("Modo Parti", row.TextContent);
    }

    [Fact]
    public async Task A_suspension_is_answered_by_the_check_until_it_ends_or_is_lifted()
    {
        var member = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var client = await _factory.SignedInAs(moderator, "en");
        async Task<SuspensionNotice?> Active()
        {
            using var scope = Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ISuspensionCheck>().ActiveAsync(member.Id);
        }

        var invalid = await client.SubmitAsync($"/moderation/members/{member.Id}", new Dictionary<string, string> { ["Input.Days"] = "0", ["Input.Reason"] = "" }, "form.suspend");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Null(await Active());

        var response = await client.SubmitAsync($"/moderation/members/{member.Id}",
            new Dictionary<string, string> { ["Input.Days"] = "3", ["Input.Reason"] = "Repeated insults" }, "form.suspend");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var notice = await Active();
        Assert.NotNull(notice);
        Assert.Equal("Repeated insults", notice.Reason);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime.AddDays(3), notice.EndsUtc);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/moderation/members/{member.Id}", new Dictionary<string, string>(), "form.lift")).StatusCode);
        Assert.Null(await Active());
        var actions = await _factory.Query(db => db.Set<ModerationLogEntry>().Where(e => e.SubjectMemberId == member.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([ModerationAction.Suspend, ModerationAction.LiftSuspension], actions);
    }

    [Fact]
    public async Task A_suspension_ends_by_itself()
    {
        var member = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        await (await _factory.SignedInAs(moderator)).SubmitAsync($"/moderation/members/{member.Id}",
            new Dictionary<string, string> { ["Input.Days"] = "1", ["Input.Reason"] = "Cool down" }, "form.suspend");
        using var scope = Services.CreateScope();
        var check = scope.ServiceProvider.GetRequiredService<ISuspensionCheck>();
        Assert.True(await check.IsSuspendedAsync(member.Id));
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.False(await check.IsSuspendedAsync(member.Id));
    }

    [Fact]
    public async Task An_administrator_grants_and_revokes_the_moderator_role_but_a_moderator_cannot()
    {
        var admin = await _factory.Seed(A.Member().WithRole("Administrator"));
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var member = await _factory.Seed(A.Member().Named("Future Modo"));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.SignedInAs(moderator)).Http.GetAsync("/admin/moderators")).StatusCode);
        var client = await _factory.SignedInAs(admin);

        await client.SubmitAsync("/admin/moderators", new Dictionary<string, string> { ["Email"] = member.Email! }, "form.grant");
        Assert.Equal(HttpStatusCode.OK, (await (await _factory.SignedInAs(member)).Http.GetAsync("/moderation")).StatusCode);
        var page = FormClient.Parse(await client.Http.GetStringAsync("/admin/moderators"));
        Assert.Contains("Future Modo", page.Body!.TextContent);

        await client.PostWithTokenAsync("/admin/moderators", "/admin/moderators?handler=Revoke", new Dictionary<string, string> { ["memberId"] = member.Id });
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _factory.SignedInAs(member)).Http.GetAsync("/moderation")).StatusCode);
    }
}

public sealed class PublicLogPagingTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task The_public_log_pages_by_key_newest_first()
    {
        await factory.Query(async db =>
        {
            for (var i = 0; i < PublicLog.PageSize + 5; i++)
                db.Add(ModerationLogEntry.Record(new ModerationActor("m", $"Modo {i:00}"), ModerationAction.Suspend,
                    ModerationTarget.ForMember("x"), null, "private", factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var client = factory.CreateFormClient("en");

        var first = await client.GetDocumentAsync("/moderation/log");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await client.GetDocumentAsync(next);

        Assert.Equal(PublicLog.PageSize, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Modo 54", first.QuerySelector("tbody tr")!.TextContent);
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Modo 00", second.QuerySelectorAll("tbody tr").Last().TextContent);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.DoesNotContain("private", first.Body!.TextContent + second.Body!.TextContent);
        Assert.Contains("a member", first.Body!.TextContent);
    }
}
