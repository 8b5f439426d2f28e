using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Notifications;

/// <summary>
/// A member's page is built from shared parts (the list rows kept per list, culture and marks) and their own part (the
/// header count kept per member): caching on as in production, each member's own part changes at once after their
/// write or a write that concerns them, and never reaches another member (issue 19, item 1).
/// </summary>
public sealed class MemberPartsCacheTests
{
    private static DigestAppFactory App()
    {
        var app = new DigestAppFactory(null, null);
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static string? HeaderCount(IHtmlDocument page) => page.QuerySelector(".notifications-link .notification-count")?.TextContent.Trim();

    private static string? NewReplies(IHtmlDocument list, string title) =>
        list.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains(title)).QuerySelector("a.new-replies")?.TextContent.Trim();

    [Fact]
    public async Task The_header_count_is_kept_per_member_and_changes_at_once_when_a_reply_arrives_and_when_it_is_read()
    {
        await using var app = App();
        var (author, replier, other) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("autre")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas qui attend des réponses"))).Id;
        var (authorClient, otherClient) = (await app.SignedInAs(author), await app.SignedInAs(other));
        Assert.Null(HeaderCount(await authorClient.GetDocumentAsync("/cases")));   // kept: no unread notification
        Assert.Null(HeaderCount(await otherClient.GetDocumentAsync("/cases")));

        await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId, "Une première réponse.");
        Assert.Equal("1", HeaderCount(await authorClient.GetDocumentAsync("/cases")));   // the kept 0 went with the new row
        Assert.Null(HeaderCount(await otherClient.GetDocumentAsync("/cases")));          // never another member's count
        Assert.Equal("1", HeaderCount(await authorClient.GetDocumentAsync("/")));

        await authorClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));   // reading marks it read
        Assert.Null(HeaderCount(await authorClient.GetDocumentAsync("/cases")));

        // A count kept after the reply was committed but before its notifications were written (the reply moved the
        // cases' generation already): the notification rows themselves evict it once committed.
        var late = (await app.Seed(A.Reply().On(caseId).By(replier))).Id;
        Assert.Null(HeaderCount(await authorClient.GetDocumentAsync("/cases")));
        await app.InScopeAsync(sp => sp.GetRequiredService<NotificationCenter>().ReplyPublishedAsync(caseId, late));
        Assert.Equal("1", HeaderCount(await authorClient.GetDocumentAsync("/cases")));
        Assert.Null(HeaderCount(await otherClient.GetDocumentAsync("/cases")));
    }

    [Fact]
    public async Task Kept_list_rows_show_each_member_their_own_marks_and_a_read_clears_them_at_once()
    {
        await using var app = App();
        var (author, reader, other, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("lectrice")), await app.Seed(A.Member().Called("autre")), await app.Seed(A.Member().Called("replier")));
        const string title = "Une discussion suivie de près";
        var caseId = (await app.Seed(A.Case().By(author).Titled(title))).Id;
        await app.Seed(A.Reply().On(caseId).By(replier));
        var (readerClient, otherClient) = (await app.SignedInAs(reader), await app.SignedInAs(other));
        await readerClient.GetDocumentAsync("/cases");
        await otherClient.GetDocumentAsync("/cases");
        await readerClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));   // the reader read the first reply
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var replierClient = await app.SignedInAs(replier);
        await app.ReplyOnPageAsync(replierClient, caseId, "Deuxième réponse.");
        await app.ReplyOnPageAsync(replierClient, caseId, "Troisième réponse.");

        // The same list object served three times to the reader (the second and third from kept rows), then to the other
        // member, who read nothing: the reader's marks are theirs alone.
        for (var i = 0; i < 3; i++) Assert.Equal("2 nouvelles réponses", NewReplies(await readerClient.GetDocumentAsync("/cases"), title));
        for (var i = 0; i < 2; i++) Assert.Null(NewReplies(await otherClient.GetDocumentAsync("/cases"), title));
        Assert.Equal("2 nouvelles réponses", NewReplies(await readerClient.GetDocumentAsync("/cases"), title));

        // Reading the discussion writes no case: the list stays the same object, and the rows follow the reader's marks at once.
        await readerClient.GetDocumentAsync(await app.CaseUrlAsync(caseId));
        Assert.Null(NewReplies(await readerClient.GetDocumentAsync("/cases"), title));
        // English rows are kept apart from French ones.
        var english = await (await app.SignedInAs(other, "en")).GetDocumentAsync("/cases");
        Assert.Contains("3 replies", english.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains(title)).TextContent);
        Assert.Contains("3 réponses", (await otherClient.GetDocumentAsync("/cases")).QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains(title)).TextContent);
    }
}
