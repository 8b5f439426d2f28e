using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A member's marks are theirs alone (saved, followed, flagged, read, the tags and settings of their digest): nobody else
/// sees them, so none may drop or restart anything another reader is served. Otherwise the pseudonymous author saving
/// or reading their own case, watched through a visitor's cached pages (their <c>Age</c>, their speed) or the shared read
/// models members' pages are built from, would tell when that account was on that case.
/// </summary>
public sealed class PrivateMarksCacheOracleTests
{
    [Fact]
    public async Task Marks_flags_reads_and_digest_settings_leave_every_cached_page_and_shared_read_model_alone()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Named("Xavier Discret").WithPublishedCases(1));
        var other = await app.Seed(A.Member().Named("Olga Attentive").WithPublishedCases(1));
        var pseudonymous = await app.Seed(A.Case().By(author).UnderPseudonym("Coach Brume").Titled("Un cas signé d’un pseudonyme")
            .Tagged("framework-vs-culture"));
        var authorsReply = await app.Seed(A.Reply().On(pseudonymous).By(author).Saying("Je précise sous mon pseudonyme."));
        var caseUrl = await app.CaseUrlAsync(pseudonymous.Id);
        string[] visitorPages =
        [
            "/members/" + Uri.EscapeDataString("Xavier Discret"), "/members/" + Uri.EscapeDataString("Olga Attentive"), caseUrl,
            "/cases", "/", "/tensions/framework-vs-culture", "/feeds/tensions/framework-vs-culture.atom", "/feeds/cases.atom",
        ];
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var page in visitorPages)
        {
            await visitor.GetAsync(page);
            Assert.True(await visitor.FromPageCacheAsync(page), $"{page}: not cached to begin with");
        }
        var cases = app.Services.GetRequiredService<CaseCache>();
        var (generation, visitorGeneration) = (cases.Generation, cases.VisitorGeneration);

        foreach (var member in new[] { author, other })
        {
            var client = await app.SignedInAs(member);
            var name = member.DisplayName;
            async Task NothingMovedAsync(string write)
            {
                foreach (var page in visitorPages) Assert.True(await visitor.FromPageCacheAsync(page), $"{page} was dropped by {name}'s {write}");
                Assert.True(generation == cases.Generation, $"{name}'s {write} dropped the members' shared read models");
                Assert.True(visitorGeneration == cases.VisitorGeneration, $"{name}'s {write} dropped the visitors' shared read models");
            }

            await client.Http.GetStringAsync(caseUrl);   // read: a reading position
            await NothingMovedAsync("reading");
            foreach (var mark in new[] { "Bookmark", "Follow" })
                foreach (var on in new[] { "true", "false" })
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync(caseUrl,
                        $"/cases/{pseudonymous.Id}/reactions?handler={mark}", new Dictionary<string, string> { ["on"] = on })).StatusCode);
                    await NothingMovedAsync($"{mark} {on}");
                }
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync("/tensions/framework-vs-culture",
                "/tensions/framework-vs-culture?handler=Follow", new Dictionary<string, string> { ["follow"] = "true" })).StatusCode);
            await NothingMovedAsync("tag follow");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/digests/preferences", new Dictionary<string, string>
            {
                ["Input.Frequency"] = nameof(DigestFrequency.Daily), ["Input.ReplyNotifications"] = "false",
            }, "main form.stacked")).StatusCode);
            await NothingMovedAsync("digest settings");
            if (member == other)   // authors cannot flag their own posts
                foreach (var target in new[] { $"/flag/case/{pseudonymous.Id}", $"/flag/reply/{authorsReply.Id}" })
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(target,
                        new Dictionary<string, string> { ["Input.Reason"] = "Spam" }, "main form.stacked")).StatusCode);
                    await NothingMovedAsync($"flag ({target})");
                }
        }
    }
}
