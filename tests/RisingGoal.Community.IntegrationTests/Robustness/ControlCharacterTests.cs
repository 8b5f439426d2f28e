using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>Control characters are stripped while binding (the member keeps their text), and stored ones never break a feed.</summary>
public sealed class ControlCharacterTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task A_nul_in_a_title_is_removed_and_the_case_is_published_with_its_line_breaks()
    {
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Nul typer")));
        var fields = await ComposedCase.FieldsAsync(factory, "Un titre\0 avec\u0001 un\tNUL\n", ComposedCase.Body + "\n\nfin\0\tdu cas");

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.Query(db => db.Set<Case>().OrderByDescending(c => c.Id).FirstAsync());
        Assert.Equal("Un titre avec unNUL", saved.Title);
        Assert.EndsWith("\n\nfin\tdu cas", saved.BodyMarkdown);   // multi-line text keeps line breaks and tabs
    }

    [Fact]
    public async Task A_field_made_only_of_control_characters_is_answered_at_the_field_and_the_rest_is_kept()
    {
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Nul only")));
        var fields = await ComposedCase.FieldsAsync(factory, "\0\0\u0007\0");
        fields["Input.Summary"] = "mon résumé tapé\0 avec soin, assez long pour passer la règle.";

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Donnez un titre au cas.", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);
        Assert.Equal("mon résumé tapé avec soin, assez long pour passer la règle.", page.QuerySelector("#Input_Summary")!.TextContent.Trim());
    }

    [Fact]
    public async Task Every_feed_reads_a_case_whose_stored_title_holds_a_control_character()
    {
        var author = await factory.Seed(A.Member().Named("Feed author"));
        await factory.Seed(A.Case().By(author).Composed().Titled("Un titre \u0001 piégé\u0008 dans la base").UnderPseudonym("Plume\u001f"));
        var client = factory.CreateFormClient();

        foreach (var url in new[] { "/feeds/cases.atom", "/feeds/tensions/centralisation-vs-autonomy.atom", "/feeds/drifts/apparent-alignment.atom" })
        {
            var response = await client.Http.GetAsync(url);
            var xml = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {xml[..Math.Min(xml.Length, 300)]}");
            var feed = XDocument.Parse(xml);   // a strict XML 1.0 reader, as feed readers are
            Assert.Contains(feed.Descendants(XName.Get("title", "http://www.w3.org/2005/Atom")), t => t.Value == "Un titre  piégé dans la base");
            Assert.Contains(feed.Descendants(XName.Get("name", "http://www.w3.org/2005/Atom")), n => n.Value == "Plume");
        }
    }
}
