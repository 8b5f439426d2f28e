using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Copies;

/// <summary>
/// An erased member's posts read "Ancien membre"; a quotation of one is signed with the name its author had, in another
/// member's reply. Erasing the account must take the name out of those signatures too, on every surface that reads the
/// stored reply, while a quotation of their pseudonymous case keeps the pseudonym (the case keeps it). Caching on.
/// </summary>
public sealed class QuotedErasedAuthorTests
{
    private const string Erased = "Solène Partie";
    private const string Pseudonym = "Plume Discrète";

    [Fact]
    public async Task An_erased_members_name_leaves_the_signatures_of_quotations_of_their_posts()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Claire Autrice").WithPublishedCases(3));
        var leaving = await app.Seed(A.Member().Named(Erased).WithPublishedCases(3));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un comité qui ne tranche rien"))).Id;
        var ownCaseId = (await app.Seed(A.Case().By(leaving).Titled("Un cas sous pseudonyme").UnderPseudonym(Pseudonym))).Id;
        var url = await app.CaseUrlAsync(caseId);
        var ownUrl = await app.CaseUrlAsync(ownCaseId);
        var leavingClient = await app.SignedInAs(leaving);
        var named = await app.ReplyOnPageAsync(leavingClient, caseId, "Chez nous, le comité vote à l’unanimité et rien ne bouge.");

        var quoter = await app.SignedInAs(await app.Seed(A.Member().Named("Citeuse Fidèle").WithPublishedCases(3)));
        var box = (await quoter.GetDocumentAsync($"{url}?quote={named}")).QuerySelector("form.reply-form textarea")!.TextContent;
        Assert.Contains($"[{Erased}]", box);
        var quoting = await app.ReplyOnPageAsync(quoter, caseId, box + "Même chose chez nous.");
        var pseudonymQuote = await app.ReplyOnPageAsync(quoter, ownCaseId, $"> Le récit du cas\n>\n> — [{Pseudonym}]({ownUrl})\n\nMerci.");
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Contains(Erased, await visitor.GetStringAsync(url));   // warm the cache

        await leavingClient.EraseAccountAsync();

        var page = await app.CreateFormClient().GetDocumentAsync(url);
        var quotation = page.QuerySelector($"#reply-{quoting} blockquote")!;
        Assert.Contains("Ancien membre", quotation.TextContent);
        Assert.Contains("Même chose chez nous.", page.QuerySelector($"#reply-{quoting}")!.TextContent);   // the quoter's own words stay
        Assert.Contains(Pseudonym, (await app.CreateFormClient().GetDocumentAsync(ownUrl)).QuerySelector($"#reply-{pseudonymQuote} blockquote")!.TextContent);
        foreach (var html in new[] { await visitor.GetStringAsync(url), await quoter.Http.GetStringAsync(url),
                     await quoter.Http.GetStringAsync("/account/export"),
                     (await quoter.GetDocumentAsync("/search?q=unanimit%C3%A9")).QuerySelector("ol.search-hits")?.OuterHtml ?? "" })
            Assert.DoesNotContain("Partie", html);
    }
}
