using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class MemberProfileTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Profile_shows_named_cases_and_replies_and_nothing_ties_a_pseudonym_to_the_account()
    {
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var claire = await data.MemberAsync("Claire Martin", now);
        var other = await data.MemberAsync("Paul Durand", now);
        await data.CaseAsync(claire, "Cas signé par Claire", now.AddHours(-3), ["ambition-vs-execution"]);
        var hidden = await data.CaseAsync(claire, "Cas sous pseudonyme", now.AddHours(-2), ["ambition-vs-execution"], pseudonym: "Renard bleu");
        var paul = await data.CaseAsync(other, "Cas de Paul", now.AddHours(-1), ["ambition-vs-execution"]);
        await data.ReplyAsync(paul, claire, now);
        await data.ReplyAsync(hidden, claire, now);
        var client = factory.CreateClient();

        var profile = await GetAsync(client, "/members/claire%20MARTIN");
        var html = profile.DocumentElement.OuterHtml;
        Assert.Equal("Claire Martin", profile.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Cas signé par Claire"], Titles(profile));
        Assert.DoesNotContain("Cas sous pseudonyme", html);
        Assert.DoesNotContain("Renard bleu", html);
        Assert.DoesNotContain($"/cases/{hidden}/", html);
        await data.MemberAsync("Élodie Léa", now);
        Assert.Equal("Élodie Léa", (await GetAsync(client, "/members/" + Uri.EscapeDataString("Élodie Léa"))).QuerySelector("h1")!.TextContent.Trim());
        var replies = profile.QuerySelectorAll(".reply-list a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Cas de Paul"], replies);

        var list = await GetAsync(client, "/cases");
        var pseudonymousRow = list.QuerySelectorAll(".case-row").Single(r => r.TextContent.Contains("Cas sous pseudonyme"));
        Assert.Contains("Renard bleu", pseudonymousRow.TextContent);
        Assert.Empty(pseudonymousRow.QuerySelectorAll("a[href^='/members/']"));
        Assert.DoesNotContain("Claire", pseudonymousRow.OuterHtml);
        var namedRow = list.QuerySelectorAll(".case-row").Single(r => r.TextContent.Contains("Cas signé par Claire"));
        Assert.Equal("/members/Claire%20Martin", namedRow.QuerySelector("a[href^='/members/']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Profile_cases_are_paginated_by_key()
    {
        var data = new BrowseData(factory.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var prolific = await data.MemberAsync("Prolifique", now);
        for (var i = 0; i < 22; i++)
            await data.CaseAsync(prolific, $"Prolifique {i:00}", now.AddMinutes(-60 + i), ["framework-vs-culture"]);
        await data.CaseAsync(prolific, "Prolifique masqué", now, ["framework-vs-culture"], pseudonym: "Loup");
        var client = factory.CreateClient();

        var page1 = await GetAsync(client, "/members/Prolifique");
        Assert.Equal(20, Titles(page1).Count);
        Assert.Equal("Prolifique 21", Titles(page1).First());
        var next = NextLink(page1)!;
        Assert.StartsWith("/members/Prolifique?after=", next);

        var page2 = await GetAsync(client, next);
        Assert.Equal(["Prolifique 01", "Prolifique 00"], Titles(page2));
        Assert.Null(NextLink(page2));
    }
}
