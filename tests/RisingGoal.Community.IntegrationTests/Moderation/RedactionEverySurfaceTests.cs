using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// With caching on: text redacted from a case's context fields (the region) and from a follow-up is gone from the
/// case page for visitors and members, from search and from the feed, and the public log names a follow-up as such.
/// </summary>
public sealed class RedactionEverySurfaceTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private const string Secret = "Villedieu-Dupontel";

    [Fact]
    public async Task Text_redacted_from_the_region_and_a_follow_up_appears_on_no_page_search_or_feed()
    {
        var app = factory.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var reader = await app.Seed(A.Member());
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().By(author).Titled("Un programme OKR impeccable").InRegion($"Usine de {Secret}")
            .WithFollowUp(FollowUpStatus.Ongoing, saying: $"Le site de {Secret} a fermé."));
        var followUpId = await app.Query(db => db.Set<FollowUp>().Where(f => f.CaseId == @case.Id).Select(f => f.Id).SingleAsync());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var member = await app.SignedInAs(reader);
        Assert.Contains(Secret, await visitor.GetStringAsync(url));               // warm the caches
        Assert.Contains(Secret, await member.Http.GetStringAsync(url));
        await visitor.GetStringAsync("/feeds/cases.atom");

        var staff = await app.SignedInAs(moderator);
        Assert.Contains($"/moderation/redact/followup/{followUpId}", await staff.Http.GetStringAsync(url));
        var redactCase = await staff.SubmitAsync($"/moderation/redact/case/{@case.Id}", new Dictionary<string, string>
        {
            ["Input.Find"] = Secret, ["Input.Replacement"] = "[une ville]", ["Input.PublicReason"] = "Lieu identifiant",
        });
        var redactFollowUp = await staff.SubmitAsync($"/moderation/redact/followup/{followUpId}", new Dictionary<string, string>
        {
            ["Input.Find"] = Secret, ["Input.Replacement"] = "[une ville]", ["Input.PublicReason"] = "Lieu identifiant",
        });
        Assert.Equal(HttpStatusCode.Redirect, redactCase.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, redactFollowUp.StatusCode);

        foreach (var html in new[]
                 {
                     await visitor.GetStringAsync(url), await member.Http.GetStringAsync(url),
                     await visitor.GetStringAsync("/feeds/cases.atom"), await member.Http.GetStringAsync("/search?q=Villedieu"),
                 })
            Assert.DoesNotContain("Dupontel", html);
        Assert.Contains("[une ville]", await member.Http.GetStringAsync(url));
        var stored = await app.Query(async db => (
            await db.Set<Case>().AsNoTracking().Where(c => c.Id == @case.Id).Select(c => c.Region).SingleAsync(),
            await db.Set<FollowUp>().AsNoTracking().Where(f => f.Id == followUpId).Select(f => f.BodyMarkdown + f.BodyHtml).SingleAsync()));
        Assert.DoesNotContain(Secret, stored.Item1);
        Assert.DoesNotContain(Secret, stored.Item2);
        Assert.Contains("un suivi de", await visitor.GetStringAsync("/moderation/log"));
    }

    [Fact]
    public async Task A_redaction_reaches_the_edits_and_follow_ups_waiting_for_review_which_would_republish_the_text()
    {
        var app = factory;
        var author = await app.Seed(A.Member());
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().By(author).Saying($"{Secret} pilotait tout."));
        var reply = await app.Seed(A.Reply().On(@case.Id).By(author).Saying($"{Secret} encore."));
        await app.Query(async db =>
        {
            var now = CommunityAppFactory.Start.UtcDateTime;
            db.Add(PendingEdit.ForReply(@case.Id, reply.Id, author.Id, $"Selon {Secret}, rien.", [], now));
            db.Add(PendingEdit.ForFollowUp(@case.Id, author.Id, FollowUpStatus.Ongoing, $"{Secret} est parti.", now));
            return await db.SaveChangesAsync();
        });
        var staff = await app.SignedInAs(moderator);

        foreach (var url in new[] { $"/moderation/redact/case/{@case.Id}", $"/moderation/redact/reply/{reply.Id}" })
            Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(url, new Dictionary<string, string>
            {
                ["Input.Find"] = Secret, ["Input.Replacement"] = "[une ville]", ["Input.PublicReason"] = "Lieu identifiant",
            })).StatusCode);

        var waiting = await app.Query(db => db.Set<PendingEdit>().AsNoTracking()
            .Where(e => e.CaseId == @case.Id).Select(e => e.BodyMarkdown).ToListAsync());
        Assert.Equal(2, waiting.Count);
        Assert.All(waiting, text => Assert.DoesNotContain(Secret, text));
    }
}
