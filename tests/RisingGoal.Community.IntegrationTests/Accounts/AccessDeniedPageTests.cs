using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>The 403 page says why, from the reader's own situation, and where to go; never anything about the refused item.</summary>
public sealed class AccessDeniedPageTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private static async Task<(string Text, List<string> Links)> RefusedAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        var section = page.QuerySelector("section.error-page")!;
        return (section.TextContent, section.QuerySelectorAll("ul.next-steps a").Select(a => a.GetAttribute("href")!).ToList());
    }

    [Fact]
    public async Task A_member_on_a_staff_page_is_told_it_is_for_the_moderation_team_and_sent_to_their_space()
    {
        var member = await factory.Seed(A.Member().Named("Curieuse Modération"));

        var (french, links) = await RefusedAsync((await factory.SignedInAs(member)).Http, "/moderation");
        Assert.Contains("réservée à l’équipe de modération", french);
        Assert.Equal(["/account", "/cases"], links);

        var (english, _) = await RefusedAsync((await factory.SignedInAs(member, "en")).Http, "/admin/outbox");
        Assert.Contains("This page is for the moderation team.", english);
    }

    [Fact]
    public async Task A_member_editing_someone_else_s_case_is_told_only_its_author_can_and_nothing_of_the_case()
    {
        var author = await factory.Seed(A.Member().Named("Autrice Refus"));
        var other = await factory.Seed(A.Member().Named("Voisin Refus"));
        var @case = await factory.Seed(A.Case().By(author).Titled("Un cas qui n’est pas le sien").Tagged("ambition-vs-execution"));

        var (text, links) = await RefusedAsync((await factory.SignedInAs(other)).Http, $"/cases/{@case.Id}/edit");

        Assert.Contains("Seul·e l’auteur·e d’une publication", text);
        Assert.DoesNotContain("Un cas qui n’est pas le sien", text);
        Assert.Equal(["/account", "/cases"], links);
    }

    [Fact]
    public async Task A_suspended_member_is_told_until_when_and_that_reading_stays_open()
    {
        var member = await factory.Seed(A.Member().Named("Membre Suspendue Refus"));
        var moderator = await factory.Seed(A.Member().Named("Modératrice Refus").WithRole(Roles.Moderator));
        await factory.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommunityDbContext>();
            db.Add(Suspension.Start(member.Id, moderator.Id, TimeSpan.FromDays(7), "Propos répétés hors charte", factory.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var (text, links) = await RefusedAsync((await factory.SignedInAs(member)).Http, "/moderation");

        Assert.Contains("Votre compte est suspendu jusqu’au", text);
        Assert.Contains("Propos répétés hors charte", text);
        Assert.Contains("Vous pouvez toujours lire les cas et les discussions.", text);
        Assert.Equal(["/cases", "/account"], links);
    }

    [Fact]
    public async Task A_visitor_is_asked_to_sign_in_or_to_join()
    {
        var (text, links) = await RefusedAsync(factory.CreateFormClient("fr").Http, "/account/access-denied");

        Assert.Contains("il faut être connecté·e", text);
        Assert.Equal(["/account/login", "/account/register"], links);   // the refusal page itself is no place to return to
        Assert.DoesNotContain("Vous n’êtes pas autorisé·e à faire cela.", text);
    }
}
