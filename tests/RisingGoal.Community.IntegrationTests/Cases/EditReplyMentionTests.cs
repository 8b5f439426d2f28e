using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>An edited reply is rendered like a new one: its @mentions stay links to the members' profiles.</summary>
public sealed class EditReplyMentionTests
{
    [Fact]
    public async Task Editing_a_reply_keeps_and_adds_mention_links()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true").With("Moderation:TrustAfterApproved", "0");   // edits publish at once
        await using var _ = app;
        var (author, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")));
        await app.Seed(A.Member().Called("chloe"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        var url = await app.CaseUrlAsync(caseId);
        var client = await app.SignedInAs(replier);
        var posted = await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Merci @autrice pour ce cas." }, "form.reply-form");
        var location = posted.Headers.Location!.ToString();
        var replyId = int.Parse(location[(location.LastIndexOf("#reply-", StringComparison.Ordinal) + 7)..], System.Globalization.CultureInfo.InvariantCulture);

        var edited = await client.SubmitAsync($"/cases/{caseId}/replies/{replyId}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Merci @autrice pour ce cas, et @chloe aussi." });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var page = await client.GetDocumentAsync(url);
        var links = page.QuerySelectorAll($"#reply-{replyId} .prose a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("@autrice", "/members/autrice"), ("@chloe", "/members/chloe")], links);
        var stored = await app.Query(db => db.Set<Reply>().Where(r => r.Id == replyId).Select(r => r.BodyMarkdown).SingleAsync());
        Assert.Equal("Merci @autrice pour ce cas, et @chloe aussi.", stored);   // the stored text keeps @Name
    }
}
