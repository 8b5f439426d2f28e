using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Copies;

/// <summary>
/// A quotation of a pseudonymous author is signed with the pseudonym. When a moderator replaces a pseudonym because it
/// identified its author, a member who quoted the author before must not keep the old one on show. Caching on.
/// </summary>
public sealed class QuotedPseudonymTests
{
    private const string OldPseudonym = "Chef de Quetzalia";

    [Fact]
    public async Task A_replaced_pseudonym_is_gone_from_the_quotations_of_its_case_and_of_its_authors_replies()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Bertrand Secret"));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym(OldPseudonym))).Id;
        var url = await app.CaseUrlAsync(caseId);
        var own = await app.ReplyOnPageAsync(await app.SignedInAs(author), caseId, "Je précise : trois équipes étaient concernées.");
        var quoter = await app.SignedInAs(await app.Seed(A.Member().Named("Citeuse")));
        var box = (await quoter.GetDocumentAsync($"{url}?quote={own}")).QuerySelector("form.reply-form textarea")!.TextContent;
        Assert.Contains(OldPseudonym, box);
        var quoting = await app.ReplyOnPageAsync(quoter, caseId, box + $"Merci {OldPseudonym}.\n\n> Le récit du cas\n>\n> — [{OldPseudonym}]({url})\n\nEt ceci.");
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Contains(OldPseudonym, await visitor.GetStringAsync(url));   // warm the cache

        var response = await moderator.SubmitAsync($"/moderation/redact/case/{caseId}",
            new Dictionary<string, string> { ["Pseudonym.New"] = "Membre anonyme 4821", ["Pseudonym.PublicReason"] = "Pseudonyme identifiant" }, "#replace-pseudonym");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await app.CreateFormClient().GetDocumentAsync(url);
        Assert.Equal(2, page.QuerySelectorAll($"#reply-{quoting} blockquote").Count(q => q.TextContent.Contains("Membre anonyme 4821")));
        foreach (var html in new[] { await visitor.GetStringAsync(url), await quoter.Http.GetStringAsync("/account/export"),
                     (await quoter.GetDocumentAsync("/search?q=Quetzalia")).QuerySelector("ol.search-hits")?.OuterHtml ?? "" })
            Assert.DoesNotContain("Quetzalia", html);
    }
}
