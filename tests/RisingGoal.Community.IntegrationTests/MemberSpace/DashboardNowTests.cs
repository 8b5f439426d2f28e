using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.MemberSpace;

/// <summary>
/// /account opens on what waits for the member (issue 17): unread notifications, cases a moderator holds, drafts in
/// progress, each a link to where to act; a member with nothing waiting is told so; a member's first home shows where
/// those are. Caching on, as in production.
/// </summary>
public sealed class DashboardNowTests
{
    private static DigestAppFactory App()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static List<(string Text, string Href)> Now(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("section[aria-labelledby=now-title] li a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href")!)).ToList();

    [Fact]
    public async Task The_account_page_opens_on_unread_notifications_pending_cases_and_drafts()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Named("Autrice Attendue"));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas qui reçoit une réponse"));
        await app.Seed(A.Case().By(author).Titled("Un cas en attente").Pending());
        var replier = await app.SignedInAs(await app.Seed(A.Member().Named("Répondant Attentif")));
        Assert.Equal(HttpStatusCode.Redirect, (await replier.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
            new Dictionary<string, string> { ["Reply.Body"] = "Nous avons vécu la même chose chez nous." }, "form.reply-form")).StatusCode);
        var client = await app.SignedInAs(author);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/cases/new", new Dictionary<string, string> { ["Input.Title"] = "Un brouillon commencé" },
            "form.composer", pressed: "button[formaction='/cases/drafts/save']")).StatusCode);

        var now = Now(await client.GetDocumentAsync("/account"));

        Assert.Equal([("1 notification non lue", "/notifications"), ("1 brouillon en cours", "/account/drafts"), ("1 cas en attente de relecture", "#my-cases")], now);
    }

    [Fact]
    public async Task The_account_page_counts_every_case_held_or_returned_not_only_those_it_lists()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Named("Autrice Prolifique"));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // The two returned cases are the oldest: the list of the latest cases does not reach them.
        foreach (var day in new[] { 60, 59 })
        {
            var rejected = await app.Seed(A.Case().By(author).Titled($"Un cas rendu il y a {day} jours").PublishedAt(now.AddDays(-day)).Pending()
                .With(c => c.Reject(now)));
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<RisingGoal.Community.Infrastructure.Data.CommunityDbContext>();
            await scope.ServiceProvider.GetRequiredService<Drafts>()
                .ReturnRejectedAsync(await db.Set<Case>().SingleAsync(c => c.Id == rejected.Id), "Trop identifiable.", namesToRemove: false, default);
        }
        const int held = 23;   // more than the dashboard lists
        for (var i = 0; i < held; i++)
            await app.Seed(A.Case().By(author).Titled($"Un cas en attente numéro {i}").PublishedAt(now.AddDays(-held + i)).Pending());
        var client = await app.SignedInAs(author);

        var page = await client.GetDocumentAsync("/account");

        Assert.True(page.QuerySelectorAll("#my-cases li").Length < held);
        Assert.Equal([("2 cas rendus par un modérateur\u00A0: modifiez-les et soumettez-les de nouveau", "#my-cases"), ("2 brouillons en cours", "/account/drafts"),
            ($"{held} cas en attente de relecture", "#my-cases")], Now(page));
    }

    [Fact]
    public async Task A_member_with_nothing_waiting_is_told_so()
    {
        await using var app = App();
        var client = await app.SignedInAs(await app.Seed(A.Member().Named("Membre Tranquille")));

        var page = await client.GetDocumentAsync("/account");

        Assert.Empty(Now(page));
        Assert.StartsWith("Rien ne vous attend pour l’instant.", page.QuerySelector("section[aria-labelledby=now-title] .empty")!.TextContent.Trim());
        // The links under the card already offer the unread discussions: the page says each thing once.
        Assert.Single(page.QuerySelectorAll("main a[href='/cases?unread=true']"));
    }

    [Fact]
    public async Task My_latest_replies_are_one_line_per_discussion_with_the_count_the_latest_and_what_waits_for_review()
    {
        await using var app = App();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var replier = await app.Seed(A.Member().Named("Répondante Régulière"));
        var author = await app.Seed(A.Member().Named("Autrice Sollicitée"));
        var busy = await app.Seed(A.Case().By(author).Titled("Une discussion où je reviens").PublishedAt(now.AddDays(-5)));
        var once = await app.Seed(A.Case().By(author).Titled("Une discussion où je passe").PublishedAt(now.AddDays(-5)));
        await app.Seed(A.Reply().On(once).By(replier).At(now.AddDays(-4)));
        for (var i = 0; i < 3; i++) await app.Seed(A.Reply().On(busy).By(replier).At(now.AddDays(-3 + i)));
        var held = await app.Seed(A.Reply().On(busy).By(replier).At(now).Pending());

        var page = await (await app.SignedInAs(replier)).GetDocumentAsync("/account");

        var rows = page.QuerySelectorAll("section[aria-labelledby=my-replies-title] li").ToList();
        Assert.Equal(["Une discussion où je reviens", "Une discussion où je passe"], rows.Select(r => r.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal(CaseUrls.Reply(busy.Id, held.Id), rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("4 réponses", rows[0].TextContent);
        Assert.Equal("1 réponse en attente de relecture", rows[0].QuerySelector(".tag")!.TextContent.Trim());
        Assert.Contains("1 réponse", rows[1].TextContent);
        Assert.Null(rows[1].QuerySelector(".tag"));
    }

    [Theory]
    [InlineData("fr", "Répondez sous un cas", "bouton «\u00A0Enregistrer\u00A0»", "bouton «\u00A0Suivre\u00A0»")]   // a button named as a name
    [InlineData("en", "Reply under a case", "“Save” button", "“Follow” button")]
    public async Task A_new_member_s_empty_sections_say_how_to_fill_them_and_link_to_where(string language, string reply, string save, string follow)
    {
        await using var app = App();
        var client = await app.SignedInAs(await app.Seed(A.Member().Named("Membre Vide " + language).Speaking(language)), language);

        var page = await client.GetDocumentAsync("/account");

        (string Text, string[] Links) Empty(string section)
        {
            var empty = page.QuerySelector($"section[aria-labelledby={section}] .empty")!;
            return (empty.TextContent, empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToArray());
        }
        Assert.Contains(reply, Empty("my-replies-title").Text);
        Assert.Equal(["/cases?sort=active"], Empty("my-replies-title").Links);
        Assert.Contains(save, Empty("saved-title").Text);
        Assert.Equal(["/cases"], Empty("saved-title").Links);
        Assert.Contains(follow, Empty("following-title").Text);
        Assert.Equal(["/cases", "/tags"], Empty("following-title").Links);
    }

    [Fact]
    public async Task A_member_s_first_home_says_where_their_own_things_are_and_a_visitor_s_home_does_not()
    {
        await using var app = App();
        var member = await app.SignedInAs(await app.Seed(A.Member().Named("Nouvelle Venue")));

        var home = await member.GetDocumentAsync("/");

        Assert.Equal(["/account", "/notifications", "/cases?unread=true", "/account/drafts", "/account/saved"],
            home.QuerySelectorAll(".your-space li a").Select(a => a.GetAttribute("href")!).ToArray());
        Assert.Null(home.QuerySelector(".since-visit"));   // nothing is "new" to a newcomer
        Assert.Null((await app.CreateFormClient().GetDocumentAsync("/")).QuerySelector(".your-space"));
    }
}
