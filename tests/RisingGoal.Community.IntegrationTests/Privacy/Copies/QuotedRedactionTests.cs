using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Copies;

/// <summary>
/// A quotation copies another post's words into the quoting reply (the "Quote" link, or a selection quoted with
/// JavaScript: both sign it with a link to the quoted post). Text a moderator redacts from the quoted post must not
/// live on in the copies: tried as a visitor, another member and the quoter would read it, with caching on.
/// </summary>
public sealed class QuotedRedactionTests
{
    private const string Company = "Quetzalia Industries";

    private static CommunityAppFactory App() => new MembersAppFactory().With("Caching:Enabled", "true");

    private static async Task<string> QuoteBoxAsync(FormClient client, string caseUrl, int replyId) =>
        (await client.GetDocumentAsync($"{caseUrl}?quote={replyId}")).QuerySelector("form.reply-form textarea")!.TextContent;

    private static Task<List<string>> StoredCopiesAsync(CommunityAppFactory app, int replyId) => app.Query(async db =>
        (await db.Set<Reply>().AsNoTracking().Where(r => r.Id == replyId).Select(r => r.BodyMarkdown + r.BodyHtml).ToListAsync())
        .Concat(await db.Set<ReplyRevision>().AsNoTracking().Where(r => r.ReplyId == replyId).Select(r => r.BodyMarkdown).ToListAsync())
        .Concat(await db.Set<PendingEdit>().AsNoTracking().Where(e => e.ReplyId == replyId).Select(e => e.BodyMarkdown).ToListAsync())
        .ToList());

    /// <summary>A case whose discussion has a reply naming the company, its author and a moderator signed in.</summary>
    private static async Task<(int CaseId, string Url, int Quoted, FormClient Replier, FormClient Moderator)> DiscussionWithANameAsync(CommunityAppFactory app)
    {
        var author = await app.Seed(A.Member().Named("Autrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var replier = await app.SignedInAs(await app.Seed(A.Member().Named("Replier")));
        var quoted = await app.ReplyOnPageAsync(replier, caseId, $"Chez {Company}, la même chose.");
        return (caseId, await app.CaseUrlAsync(caseId), quoted, replier, await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator))));
    }

    [Fact]
    public async Task Text_redacted_from_a_quoted_reply_is_gone_from_the_replies_quoting_it_their_revisions_and_every_surface()
    {
        await using var app = App();
        var (caseId, url, quoted, _, moderator) = await DiscussionWithANameAsync(app);
        var quoterClient = await app.SignedInAs(await app.Seed(A.Member().Named("Citeuse")));
        var quoting = await app.ReplyOnPageAsync(quoterClient, caseId, await QuoteBoxAsync(quoterClient, url, quoted) + "Et chez nous aussi.");
        // The quoter edits their reply once: the first version, quote included, is kept as a revision.
        Assert.Equal(HttpStatusCode.Redirect, (await quoterClient.SubmitAsync($"/cases/{caseId}/replies/{quoting}/edit",
            new Dictionary<string, string> { ["Input.Body"] = await QuoteBoxAsync(quoterClient, url, quoted) + "Et chez nous, deux fois." })).StatusCode);
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var reader = await app.SignedInAs(await app.Seed(A.Member()));
        Assert.Contains(Company, await visitor.GetStringAsync(url));   // warm the caches
        Assert.Contains(Company, await reader.Http.GetStringAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync($"/moderation/redact/reply/{quoted}",
            new Dictionary<string, string> { ["Input.Find"] = Company, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Entreprise identifiable" })).StatusCode);

        foreach (var text in await StoredCopiesAsync(app, quoting)) Assert.DoesNotContain("Quetzalia", text);
        foreach (var html in new[]
                 {
                     await visitor.GetStringAsync(url), await reader.Http.GetStringAsync(url), await quoterClient.Http.GetStringAsync(url),
                     (await reader.GetDocumentAsync("/search?q=Quetzalia")).QuerySelector("ol.search-hits")?.OuterHtml ?? "", await quoterClient.Http.GetStringAsync("/account/export"),
                 })
            Assert.DoesNotContain("Quetzalia", html);
        var page = await reader.GetDocumentAsync(url);
        Assert.Contains("[une entreprise]", page.QuerySelector($"#reply-{quoting} blockquote")!.TextContent);
        Assert.Contains("Et chez nous, deux fois.", page.QuerySelector($"#reply-{quoting}")!.TextContent);
    }

    [Fact]
    public async Task A_reply_rewritten_by_hand_leaves_only_an_elision_in_the_replies_quoting_it()
    {
        await using var app = App();
        var (caseId, url, quoted, replier, moderator) = await DiscussionWithANameAsync(app);
        var other = await app.ReplyOnPageAsync(replier, caseId, "Une autre réponse, sans nom.");
        var quoterClient = await app.SignedInAs(await app.Seed(A.Member().Named("Citeuse")));
        var quoting = await app.ReplyOnPageAsync(quoterClient, caseId,
            await QuoteBoxAsync(quoterClient, url, quoted) + "Et chez nous aussi.\n\n" + await QuoteBoxAsync(quoterClient, url, other) + "D’accord.");
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Contains(Company, await visitor.GetStringAsync(url));   // warm the cache

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync($"/moderation/redact/reply/{quoted}",
            new Dictionary<string, string> { ["Input.Find"] = "", ["Input.NewMarkdown"] = "Une entreprise du secteur, la même chose." })).StatusCode);

        foreach (var text in await StoredCopiesAsync(app, quoting)) Assert.DoesNotContain("Quetzalia", text);
        var page = await app.CreateFormClient().GetDocumentAsync(url);
        var quotes = page.QuerySelectorAll($"#reply-{quoting} blockquote").Select(q => q.TextContent).ToList();
        Assert.Equal(2, quotes.Count);
        Assert.Contains("[…]", quotes[0]);
        Assert.Contains("Replier", quotes[0]);   // the signature and its link stay: the quoter's reply still answers it
        Assert.Contains("Une autre réponse, sans nom.", quotes[1]);   // a quotation of another post is left as written
        Assert.Contains("Et chez nous aussi.", page.QuerySelector($"#reply-{quoting}")!.TextContent);
        Assert.DoesNotContain("Quetzalia", await visitor.GetStringAsync(url));
    }

    [Fact]
    public async Task A_redacted_case_title_leaves_no_word_in_the_quotations_and_links_that_replies_made_of_the_case()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Named("Autrice"));
        var (quoter, moderator) = (await app.Seed(A.Member().Named("Citeuse")), await app.Seed(A.Member().WithRole(Roles.Moderator)));
        var @case = await app.Seed(A.Case().By(author).Titled($"Chez {Company}, les silos sont revenus"));
        var url = await app.CaseUrlAsync(@case.Id);
        Assert.Contains("quetzalia", url);
        // A selection of the case quoted with JavaScript: signed with the case's address, whose slug spells its title.
        var quoting = await app.ReplyOnPageAsync(await app.SignedInAs(quoter), @case.Id,
            $"> Chez {Company}, les silos sont revenus\n>\n> — [Autrice]({url})\n\nMerci, voir aussi [le récit]({url}).");
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        Assert.Contains(Company, await visitor.GetStringAsync(url));   // warm the cache

        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAs(moderator)).SubmitAsync($"/moderation/redact/case/{@case.Id}",
            new Dictionary<string, string> { ["Input.Find"] = Company, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Entreprise identifiable" })).StatusCode);

        foreach (var text in await StoredCopiesAsync(app, quoting)) Assert.DoesNotContain("quetzalia", text.ToLowerInvariant());
        var newUrl = await app.CaseUrlAsync(@case.Id);
        var page = await app.CreateFormClient().GetDocumentAsync(newUrl);
        var reply = page.QuerySelector($"#reply-{quoting}")!;
        Assert.DoesNotContain("quetzalia", reply.OuterHtml.ToLowerInvariant());
        Assert.All(reply.QuerySelectorAll(".prose a"), a => Assert.Equal(newUrl, a.GetAttribute("href")));
    }
}
