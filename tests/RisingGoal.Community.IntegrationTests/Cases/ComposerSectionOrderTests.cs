using System.Net;
using AngleSharp.Dom;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// GOV.UK's order in each section of the composer: its label first, then its hint (the prompt and example), its error,
/// its field, the field described by the hint and the error; and no two parts of the form called the same ("Contexte"
/// was both the first section and the group of the organisation's facts).
/// </summary>
public sealed class ComposerSectionOrderTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private static string Kind(IElement e) =>
        e.LocalName == "label" ? "label" : e.ClassList.Contains("composer-help") ? "hint"
        : e.ClassList.Contains("field-validation-error") ? "error" : e.LocalName == "textarea" ? "field" : "other";

    [Fact]
    public async Task Each_section_says_its_label_then_its_hint_then_its_error_then_its_field()
    {
        var (client, _) = await factory.SignedInAs(A.Member().Named("Rédactrice Ordonnée"));

        var empty = await client.GetDocumentAsync("/cases/new");
        var response = await client.SubmitAsync("/cases/new", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failed = FormClient.Parse(await response.Content.ReadAsStringAsync());

        foreach (var (page, firstHasError) in new[] { (empty, false), (failed, true) })
        {
            var sections = page.QuerySelectorAll("form.composer .composer-section").ToList();
            Assert.True(sections.Count >= 7);
            foreach (var section in sections)
            {
                var order = section.Children.Select(Kind).Where(k => k != "other").ToList();
                var expected = section == sections[0] && firstHasError ? new[] { "label", "hint", "error", "field" } : ["label", "hint", "field"];
                Assert.Equal(expected, order);
                var field = section.QuerySelector("textarea")!;
                Assert.Equal(field.Id, section.QuerySelector("label")!.GetAttribute("for"));
                var describedBy = field.GetAttribute("aria-describedby")!.Split(' ');
                Assert.Contains(section.QuerySelector(".composer-help")!.Id, describedBy);
                if (section.QuerySelector(".field-validation-error") is { } error) Assert.Contains(error.Id, describedBy);
            }
        }

        var sectionNames = empty.QuerySelectorAll("form.composer .composer-section > label").Select(e => e.TextContent.Trim()).ToList();
        var groupNames = empty.QuerySelectorAll("form.composer legend").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Contexte", sectionNames);
        Assert.Contains("L’organisation et votre rôle", groupNames);
        Assert.Empty(sectionNames.Intersect(groupNames));
    }

    [Fact]
    public async Task The_case_page_s_card_of_facts_is_not_called_as_the_case_s_first_section()
    {
        var @case = await factory.Seed(A.Case().Titled("Un cas aux repères nommés").Saying("## Contexte\n\nUne organisation de cent personnes."));

        var page = await factory.CreateFormClient().GetDocumentAsync(RisingGoal.Community.Features.Cases.CaseUrls.Read(@case.Id, @case.Slug));

        Assert.Equal("En bref", page.GetElementById("context-title")!.TextContent.Trim());
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(headings.Count, headings.Distinct().Count());
    }
}
