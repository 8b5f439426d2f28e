using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// GOV.UK's error summary on the composer: after a failed submit the summary lists each problem once, as a link to its
/// field, and the page shows each message once more at that field, never a third time (a second summary, a repeat).
/// </summary>
public sealed class ComposerErrorSummaryTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    /// <summary>Each message of the summary: where its link leads, and how often the text appears outside the summary.</summary>
    private static List<(string Message, string Target, int ElsewhereCount)> Summary(IHtmlDocument page)
    {
        var summary = page.QuerySelector("#error-summary")!;
        var outside = page.QuerySelectorAll("main .field-validation-error, main [role=alert], main .notice")
            .Where(e => !summary.Contains(e)).Select(e => e.TextContent.Trim()).ToList();
        return summary.QuerySelectorAll("li").Select(li => (li.TextContent.Trim(), li.QuerySelector("a")?.GetAttribute("href") ?? "",
            outside.Count(text => text == li.TextContent.Trim()))).ToList();
    }

    [Fact]
    public async Task An_empty_composer_lists_each_problem_once_linked_to_its_field_and_says_it_once_at_the_field()
    {
        var (client, member) = await _app.SignedInAs(A.Member().Named("Première Fois"));

        var response = await client.SubmitAsync("/cases/new", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        var errors = Summary(page);
        Assert.Contains(errors, e => e.Message == "Donnez un titre au cas.");
        Assert.Contains(errors, e => e.Message == "Racontez le cas.");
        Assert.Equal(errors.Count, errors.Select(e => e.Message).Distinct().Count());   // no problem listed twice
        Assert.All(errors, e =>
        {
            Assert.StartsWith("#", e.Target);
            Assert.NotNull(page.GetElementById(e.Target[1..]));   // the link leads to a field of the page
            Assert.Equal(1, e.ElsewhereCount);                     // and the message is said once more, at the field
        });
        Assert.Empty(page.QuerySelectorAll(".validation-summary-errors, .validation-summary-valid"));
        Assert.Contains("Racontez le cas en 200 caractères au moins, toutes parties réunies.", page.QuerySelector(".composer-help")!.TextContent);   // told before, too
        Assert.Equal(0, await _app.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == member.Id)));
    }

    [Fact]
    public async Task An_edit_that_conflicts_with_another_says_so_once_in_the_summary()
    {
        var author = await _app.Seed(A.Member().Named("Autrice Conflit"));
        var @case = await _app.Seed(A.Case().Composed().Titled("Un cas modifié deux fois").By(author));
        var client = await _app.SignedInAs(author);

        var response = await client.SubmitAsync(CaseUrls.Edit(@case.Id), new Dictionary<string, string> { ["Input.Version"] = "999" }, "form.case-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        const string conflict = "Quelqu’un a modifié ce cas pendant que vous l’éditiez.";
        var html = page.QuerySelector("main")!.TextContent;
        Assert.Contains(conflict, page.QuerySelector("#error-summary")!.TextContent);
        Assert.Equal(1, html.Split(conflict).Length - 1);
    }
}
