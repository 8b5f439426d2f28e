using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A member's marks on a case page are kept per member (<see cref="CaseMarksCache"/>), caching on as in production: every
/// change of theirs shows on their next view, including the ones written by bulk deletes that no write effect sees
/// (unsaving, unfollowing), and a notification about the case is still marked read by opening it.
/// </summary>
public sealed class CaseMarksCacheTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private static string Pressed(AngleSharp.Html.Dom.IHtmlDocument page, string handler) =>
        page.QuerySelector($"form[action*='handler={handler}'] button")!.GetAttribute("aria-pressed")!;

    [Theory]
    [InlineData("Resonate")]
    [InlineData("Bookmark")]
    [InlineData("Follow")]
    public async Task Each_mark_shows_at_once_on_the_members_next_view_both_ways(string handler)
    {
        factory.With("Caching:Enabled", "true");
        var (member, _) = await factory.SignedInAs(A.Member().Named($"Marqueuse {handler}"));
        var @case = await factory.Seed(A.Case().Titled($"Un cas marqué puis démarqué ({handler})").WithReplies(2));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        await member.GetDocumentAsync(url);   // the first view records the read state
        Assert.Equal("false", Pressed(await member.GetDocumentAsync(url), handler));   // kept from here on

        foreach (var expected in new[] { "true", "false", "true" })
        {
            var response = await member.SubmitAsync(url, new Dictionary<string, string>(), $"form[action*='handler={handler}']");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, Pressed(await member.GetDocumentAsync(url), handler));
        }
    }

    [Fact]
    public async Task Opening_a_followed_case_after_a_new_reply_marks_its_notification_read()
    {
        factory.With("Caching:Enabled", "true");
        var (follower, followerMember) = await factory.SignedInAs(A.Member().Named("Suiveuse Attentive"));
        var (replier, _) = await factory.SignedInAs(A.Member().Named("Répondant Ponctuel"));
        var @case = await factory.Seed(A.Case().Titled("Un cas suivi de près").WithReplies(1));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        await follower.SubmitAsync(url, new Dictionary<string, string>(), "form[action*='handler=Follow']");
        await follower.GetDocumentAsync(url);
        await follower.GetDocumentAsync(url);   // marks kept: nothing unread about this case

        await factory.ReplyOnPageAsync(replier, @case.Id, "Une réponse qui notifie la suiveuse.");
        Assert.Equal(1, await UnreadAsync(followerMember.Id, @case.Id));
        await follower.GetDocumentAsync(url);
        Assert.Equal(0, await UnreadAsync(followerMember.Id, @case.Id));
    }

    private Task<int> UnreadAsync(string memberId, int caseId) =>
        factory.Query(db => db.Set<Notification>().CountAsync(n => n.RecipientId == memberId && n.CaseId == caseId && n.ReadUtc == null));
}
