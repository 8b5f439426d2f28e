using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class ReadingCaseTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Any_slug_of_a_case_answers_301_to_its_url_and_a_missing_case_404()
    {
        var author = await factory.Seed(A.Member().Named("Alix"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un premier titre pour ce cas"));
        var client = await factory.SignedInAs(author);
        var edit = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string> { ["Input.Title"] = "Un second titre pour ce cas" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var anonymous = factory.CreateFormClient();
        var old = await anonymous.Http.GetAsync($"/cases/{@case.Id}/un-premier-titre-pour-ce-cas");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/cases/{@case.Id}/un-second-titre-pour-ce-cas", old.Headers.Location!.ToString());
        var bare = await anonymous.Http.GetAsync($"/cases/{@case.Id}");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        // Not only former slugs: any slug redirects, so a redirect never confirms a guessed former title.
        var unknown = await anonymous.Http.GetAsync($"/cases/{@case.Id}/jamais-ce-slug");
        Assert.Equal(HttpStatusCode.MovedPermanently, unknown.StatusCode);
        Assert.Equal($"/cases/{@case.Id}/un-second-titre-pour-ce-cas", unknown.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/cases/987654/quelque-chose")).StatusCode);
    }

    [Fact]
    public async Task A_members_only_case_is_404_for_anonymous_visitors_until_its_date()
    {
        var author = await factory.Seed(A.Member().Named("Maud"));
        var until = factory.Clock.GetUtcNow().UtcDateTime.AddDays(10);
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas réservé aux membres").Visible(CaseVisibility.MembersOnly)
            .With(c => c.SetVisibility(CaseVisibility.MembersOnly, until)));
        var url = CaseUrls.Read(@case.Id, @case.Slug);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateFormClient().Http.GetAsync(url)).StatusCode);
        var reader = await factory.SignedInAs(await factory.Seed(A.Member().Named("Lecteur")));
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync(url)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateFormClient().Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_pseudonymous_case_never_shows_its_author_anywhere_on_the_page()
    {
        var author = await factory.Seed(A.Member().Named("Bérénice"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas sous pseudonyme").UnderPseudonym("Coach masqué"));
        var client = await factory.SignedInAs(author);
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "merci pour vos retours" }, "form.reply-form");
        await client.SubmitAsync($"/cases/{@case.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Stabilised), ["Input.Body"] = "trois mois plus tard, ça tient.",
        });

        foreach (var viewer in new[] { factory.CreateFormClient(), client })
        {
            var html = await viewer.Http.GetStringAsync(url);
            var page = FormClient.Parse(html);
            Assert.Contains("Coach masqué", page.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain("Bérénice", page.DocumentElement.TextContent);
            Assert.DoesNotContain("B&#xE9;r&#xE9;nice", html);
            Assert.DoesNotContain(author.Id, html);
            Assert.DoesNotContain(author.UserName!, html);
            Assert.Null(page.QuerySelector("a[href^='/members/']"));
        }
    }

    [Fact]
    public async Task A_named_case_links_its_author_profile()
    {
        var author = await factory.Seed(A.Member().Named("Paulin"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas signé de son nom"));
        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Equal("Paulin", page.QuerySelector("a[href='/members/Paulin']")!.TextContent);
    }
}
