using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.MemberSpace;

/// <summary>/account/saved: the member's own saves only, newest first, paged by key, without cases they can no longer read.</summary>
public sealed class SavedPageTests
{
    private static List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main li.case-row h3 a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Saving_from_the_case_page_lists_the_case_newest_first_for_its_member_alone_and_paging_and_unsaving_and_hiding_follow()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        await using var _ = app;
        var (saver, other, author) = (await app.Seed(A.Member().Called("saver")), await app.Seed(A.Member().Called("autre")), await app.Seed(A.Member().Called("autrice")));
        var first = (await app.Seed(A.Case().By(author).Titled("Premier cas enregistré"))).Id;
        var second = (await app.Seed(A.Case().By(author).Titled("Second cas enregistré"))).Id;
        var client = await app.SignedInAs(saver);

        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateFormClient().Http.GetAsync("/account/saved")).StatusCode);   // members only
        Assert.Empty(Titles(await client.GetDocumentAsync("/account/saved")));
        async Task SaveAsync(FormClient who, int caseId, bool on = true)
        {
            var url = await app.CaseUrlAsync(caseId);
            var response = await who.SubmitAsync(url, new Dictionary<string, string> { ["on"] = on ? "true" : "false" }, "form[action*='handler=Bookmark']");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await SaveAsync(client, first);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await SaveAsync(client, second);
        await SaveAsync(await app.SignedInAs(other), first);
        Assert.Equal(["Second cas enregistré", "Premier cas enregistré"], Titles(await client.GetDocumentAsync("/account/saved")));
        Assert.Equal(["Premier cas enregistré"], Titles(await (await app.SignedInAs(other)).GetDocumentAsync("/account/saved")));

        // A case hidden by the moderators leaves the list; unsaving removes it.
        await app.Query(async db =>
        {
            (await db.Set<Case>().SingleAsync(c => c.Id == second)).Hide(app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(["Premier cas enregistré"], Titles(await client.GetDocumentAsync("/account/saved")));
        await SaveAsync(client, first, on: false);
        Assert.Empty(Titles(await client.GetDocumentAsync("/account/saved")));

        // More saves than a page: the next page starts where the first ended, nothing twice, nothing lost.
        await app.Query(async db =>
        {
            for (var i = 0; i < BrowseQueries.PageSize + 3; i++)
            {
                var id = (await app.Seed(A.Case().By(author).Titled($"Cas numéro {i:00}"))).Id;
                db.Add(new Bookmark(id, saver.Id, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(i)));
            }
            return await db.SaveChangesAsync();
        });
        var page = await client.GetDocumentAsync("/account/saved");
        var one = Titles(page);
        Assert.Equal(BrowseQueries.PageSize, one.Count);
        Assert.Equal($"Cas numéro {BrowseQueries.PageSize + 2:00}", one[0]);
        var next = page.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var two = Titles(await client.GetDocumentAsync(next));
        Assert.Equal(["Cas numéro 02", "Cas numéro 01", "Cas numéro 00"], two);
        Assert.Empty(one.Intersect(two));
    }
}
