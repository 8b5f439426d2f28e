using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Browse;

public sealed class MemberProfileTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Profile_shows_named_cases_and_replies_and_nothing_ties_a_pseudonym_to_the_account()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var claire = await factory.Seed(A.Member().Named("Claire Martin").JoinedAt(now));
        var other = await factory.Seed(A.Member().Named("Paul Durand").JoinedAt(now));
        await factory.Seed(A.Case().By(claire).Titled("Cas signé par Claire").PublishedAt(now.AddHours(-3)).Tagged("ambition-vs-execution"));
        var hidden = (await factory.Seed(A.Case().By(claire).Titled("Cas sous pseudonyme").PublishedAt(now.AddHours(-2)).Tagged("ambition-vs-execution")
            .UnderPseudonym("Renard bleu"))).Id;
        var paul = (await factory.Seed(A.Case().By(other).Titled("Cas de Paul").PublishedAt(now.AddHours(-1)).Tagged("ambition-vs-execution"))).Id;
        await factory.Seed(A.Reply().On(paul).By(claire).At(now));
        await factory.Seed(A.Reply().On(hidden).By(claire).At(now));
        var client = factory.CreateClient();

        var profile = await GetAsync(client, "/members/claire%20MARTIN");
        var html = profile.DocumentElement.OuterHtml;
        Assert.Equal("Claire Martin", profile.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Cas signé par Claire"], Titles(profile));
        Assert.DoesNotContain("Cas sous pseudonyme", html);
        Assert.DoesNotContain("Renard bleu", html);
        Assert.DoesNotContain($"/cases/{hidden}/", html);
        await factory.Seed(A.Member().Named("Élodie Léa").JoinedAt(now));
        Assert.Equal("Élodie Léa", (await GetAsync(client, "/members/" + Uri.EscapeDataString("Élodie Léa"))).QuerySelector("h1")!.TextContent.Trim());
        var replies = profile.QuerySelectorAll(".reply-list a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Cas de Paul"], replies);
        Assert.DoesNotContain("plus récentes", profile.QuerySelector("section[aria-labelledby=member-replies]")!.TextContent);   // one reply: no "the 50 most recent"

        var list = await GetAsync(client, "/cases");
        var pseudonymousRow = list.QuerySelectorAll(".case-row").Single(r => r.TextContent.Contains("Cas sous pseudonyme"));
        Assert.Contains("Renard bleu", pseudonymousRow.TextContent);
        Assert.Empty(pseudonymousRow.QuerySelectorAll("a[href^='/members/']"));
        Assert.DoesNotContain("Claire", pseudonymousRow.OuterHtml);
        var namedRow = list.QuerySelectorAll(".case-row").Single(r => r.TextContent.Contains("Cas signé par Claire"));
        Assert.Equal("/members/Claire%20Martin", namedRow.QuerySelector("a[href^='/members/']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Profile_replies_are_one_line_per_discussion_with_the_count_and_the_latest_reply()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var replier = await factory.Seed(A.Member().Named("Répondeuse Assidue").JoinedAt(now.AddDays(-30)));
        var other = await factory.Seed(A.Member().Named("Autrice Discussions").JoinedAt(now.AddDays(-30)));
        var busy = (await factory.Seed(A.Case().By(other).Titled("Discussion très suivie").PublishedAt(now.AddDays(-5)).Tagged("ambition-vs-execution"))).Id;
        var quiet = (await factory.Seed(A.Case().By(other).Titled("Discussion calme").PublishedAt(now.AddDays(-5)).Tagged("ambition-vs-execution"))).Id;
        for (var i = 0; i < 3; i++) await factory.Seed(A.Reply().On(busy).By(replier).At(now.AddDays(-4 + i)));
        var latestOnBusy = await factory.Seed(A.Reply().On(busy).By(replier).At(now.AddDays(-1)));
        await factory.Seed(A.Reply().On(busy).By(replier).At(now).Pending());   // waiting for a moderator: not counted
        await factory.Seed(A.Reply().On(quiet).By(replier).At(now.AddDays(-3)));

        var profile = await GetAsync(factory.CreateClient(), "/members/" + Uri.EscapeDataString("Répondeuse Assidue"));

        var rows = profile.QuerySelectorAll(".reply-list li").ToList();
        Assert.Equal(["Discussion très suivie", "Discussion calme"], rows.Select(r => r.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal($"/cases/{busy}/replies/{latestOnBusy.Id}", rows[0].QuerySelector("a")!.GetAttribute("href"));   // straight to the latest one
        Assert.Contains("4 réponses", rows[0].TextContent);
        Assert.Contains("1 réponse", rows[1].TextContent);
        Assert.Equal(now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), rows[0].QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Profile_cases_are_paginated_by_key()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var prolific = await factory.Seed(A.Member().Named("Prolifique").JoinedAt(now));
        for (var i = 0; i < 22; i++)
            await factory.Seed(A.Case().By(prolific).Titled($"Prolifique {i:00}").PublishedAt(now.AddMinutes(-60 + i)).Tagged("framework-vs-culture"));
        await factory.Seed(A.Case().By(prolific).Titled("Prolifique masqué").PublishedAt(now).Tagged("framework-vs-culture").UnderPseudonym("Loup"));
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
