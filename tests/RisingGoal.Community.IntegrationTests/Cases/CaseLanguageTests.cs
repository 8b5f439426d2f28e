using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// A case carries the language it is written in: chosen in the composer, its section headings follow it, and wherever
/// its text appears on a page, a feed or a search in the other language, it is marked <c>lang</c> (WCAG 3.1.2).
/// Caching on: the list and feed fragments are per culture, so the attribute never leaks from one to the other.
/// </summary>
public sealed class CaseLanguageTests
{
    private static string? CheckedLanguage(AngleSharp.Dom.IDocument form) =>
        form.QuerySelector("fieldset.case-language input[name='Input.Sections.Language'][checked]")?.GetAttribute("value");

    private static async Task<(MembersAppFactory App, FormClient Author, string Url)> PostEnglishCaseAsync()
    {
        var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.SignedInAs(await app.Seed(A.Member().Named("Robin")), "en");
        var form = await author.GetDocumentAsync("/cases/new");
        Assert.Equal("en", CheckedLanguage(form));   // the interface's, to start with
        var fields = await ComposedCase.FieldsAsync(app, "Quarterly reviews that never moved a decision");
        fields.Remove("Input.Body");   // as the composer posts it: one field per section
        fields["Input.Summary"] = "Every quarter the OKR review went smoothly, and every quarter the real trade-offs were made elsewhere.";
        fields["Input.Sections.Context"] = "A software company of about 300 people, four product lines, OKRs for three years.";
        fields["Input.Sections.Drifted"] = "Resource trade-offs were settled in one-to-one meetings after the review, so the review confirmed plans that had already changed. Nobody lied; the forum simply had no authority left.";
        fields["Input.Sections.Language"] = "en";
        var posted = await author.SubmitAsync("/cases/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return (app, author, posted.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_english_case_is_marked_lang_en_on_french_pages_and_feeds_and_not_on_english_ones()
    {
        var (app, author, url) = await PostEnglishCaseAsync();
        await using var _ = app;
        var stored = await app.Query(db => db.Set<Case>().Where(c => c.Title.StartsWith("Quarterly")).Select(c => new { c.Language, c.Body.Markdown }).SingleAsync());
        Assert.Equal("en", stored.Language);
        Assert.Contains("## Context", stored.Markdown);   // the headings follow the case's language
        Assert.Contains("## What drifted", stored.Markdown);

        var french = app.CreateFormClient("fr");
        var page = await french.GetDocumentAsync(url);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector("h1#case-title")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector("p.lead")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector("article.case .prose")!.GetAttribute("lang"));
        var list = await french.GetDocumentAsync("/cases");
        var title = list.QuerySelectorAll(".case-row h3 a").Single(a => a.TextContent.StartsWith("Quarterly"));
        Assert.Equal("en", title.GetAttribute("lang"));
        Assert.Contains("<entry xml:lang=\"en\">", await french.Http.GetStringAsync("/feeds/cases.atom"));

        var english = app.CreateFormClient("en");
        var englishPage = await english.GetDocumentAsync(url);
        Assert.Null(englishPage.QuerySelector("h1#case-title")!.GetAttribute("lang"));
        var englishList = await english.GetDocumentAsync("/cases");
        Assert.Null(englishList.QuerySelectorAll(".case-row h3 a").Single(a => a.TextContent.StartsWith("Quarterly")).GetAttribute("lang"));
        Assert.DoesNotContain("xml:lang=\"en\">", await english.Http.GetStringAsync("/feeds/cases.atom"));

        // The edit page opens in the case's language, whatever the interface's.
        var frenchAuthor = await app.SignedInAs(await app.Query(db => db.Set<RisingGoal.Community.Features.Accounts.Member>().SingleAsync(m => m.DisplayName == "Robin")), "fr");
        var id = int.Parse(url.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        var edit = await frenchAuthor.GetDocumentAsync(CaseUrls.Edit(id));
        Assert.Equal("en", CheckedLanguage(edit));
    }

    [Fact]
    public async Task The_composer_asks_the_language_first_starting_from_the_member_s_latest_case_and_a_draft_keeps_its_own()
    {
        await using var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var member = await app.Seed(A.Member().Named("Camille Praticienne"));
        var english = await app.SignedInAs(member, "en");

        // A first case: the interface's language, both choices in view, asked before the title.
        var first = await english.GetDocumentAsync("/cases/new");
        Assert.Equal("en", CheckedLanguage(first));
        Assert.Equal(["fr", "en"], first.QuerySelectorAll("fieldset.case-language input[type=radio]").Select(r => r.GetAttribute("value")));
        Assert.Equal("FIELDSET", first.QuerySelectorAll("main form fieldset.case-language, main form #Input_Title").First().TagName);

        // A French practitioner browsing in English: their next case starts in French, the language of their last one.
        await app.Seed(A.Case().By(member).Titled("Des revues trimestrielles sans arbitrage"));
        var next = await english.GetDocumentAsync("/cases/new");
        Assert.Equal("fr", CheckedLanguage(next));

        // A draft keeps the language it was saved in, whatever the member's latest case or the interface.
        var id = next.QuerySelector("main form.composer input[name='Input.DraftId']")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string>
        {
            ["Input.DraftId"] = id, ["Input.Title"] = "A draft written in English", ["Input.Sections.Language"] = "en",
        };
        var saved = await english.PostWithTokenAsync("/cases/new", "/cases/drafts/save", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reopened = await english.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("en", CheckedLanguage(reopened));
    }
}
