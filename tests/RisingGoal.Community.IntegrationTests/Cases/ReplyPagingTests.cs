using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// Long discussions in pages of 50 replies, with caching on as in production: plain links between pages, permalinks,
/// the redirect after replying, "first unread" and notifications all landing on the page of the reply.
/// </summary>
public sealed class ReplyPagingTests
{
    private static DigestAppFactory App()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        return app;
    }

    /// <summary>
    /// <paramref name="count"/> published replies "Réponse n° 1"…, a minute apart, and the case's counter as the reply
    /// handler keeps it; <paramref name="pendingAfter"/> adds a reply held for review by <paramref name="pendingBy"/>
    /// after that many. Returns the ids of the published replies, in order.
    /// </summary>
    private static Task<List<int>> RepliesAsync(CommunityAppFactory app, int caseId, Member by, int count, int? pendingAfter = null, Member? pendingBy = null) =>
        app.Query(async db =>
        {
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var start = app.Clock.GetUtcNow().UtcDateTime.AddHours(-count - 1);
            var published = new List<Reply>();
            for (var i = 1; i <= count; i++)
            {
                var reply = @case.AddReply(by.Id, $"Réponse n° {i}.", new RenderedMarkdown($"<p>Réponse n° {i}.</p>", 1), start.AddMinutes(i))!;
                db.Add(reply);
                published.Add(reply);
                if (i == pendingAfter)
                {
                    var held = @case.AddReply(pendingBy!.Id, "Réponse en attente.", new RenderedMarkdown("<p>Réponse en attente.</p>", 1), start.AddMinutes(i).AddSeconds(30))!;
                    held.HoldForReview();
                    db.Add(held);
                }
            }
            await db.SaveChangesAsync();
            await db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReplyCount, count));
            return published.Select(r => r.Id).ToList();
        });

    private static List<string> ReplyTexts(IHtmlDocument page) =>
        page.QuerySelectorAll("article.reply .prose").Select(p => p.TextContent.Trim()).ToList();

    private static string? Href(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.GetAttribute("href");

    [Fact]
    public async Task A_long_discussion_shows_fifty_replies_a_page_with_plain_links_and_the_case_itself_on_page_one_only()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une très longue discussion"))).Id;
        var slug = await app.SlugAsync(caseId);
        await RepliesAsync(app, caseId, await app.Seed(A.Member().Called("bavard")), 120);
        var visitor = app.CreateFormClient("fr");
        var url = CaseUrls.Read(caseId, slug);

        var first = await visitor.GetDocumentAsync(url);
        Assert.Equal(50, ReplyTexts(first).Count);
        Assert.Equal("Réponse n° 1.", ReplyTexts(first)[0]);
        Assert.NotNull(first.QuerySelector(".case-context"));   // body, context and tags
        Assert.Equal("Réponses (120)", first.QuerySelector("#replies-title")!.TextContent.Trim());
        Assert.Null(first.QuerySelector("link[rel=prev]"));
        Assert.Equal($"{url}?page=2", Href(first, "head link[rel=next]"));
        Assert.Equal($"{url}?page=2", Href(first, "nav.reply-pager a[rel=next]"));
        Assert.Equal($"http://localhost{url}", Href(first, "link[rel=canonical]"));
        Assert.Equal(["1", "2", "3"], first.QuerySelectorAll("nav.reply-pager li a").Select(a => a.TextContent.Trim()));
        Assert.Equal("1", first.QuerySelector("nav.reply-pager a[aria-current=page]")!.TextContent.Trim());

        // Following the "next" link, as a reader without JavaScript would.
        var second = await visitor.GetDocumentAsync(Href(first, "nav.reply-pager a[rel=next]")!);
        Assert.Equal(Enumerable.Range(51, 50).Select(i => $"Réponse n° {i}."), ReplyTexts(second));
        Assert.Null(second.QuerySelector(".case-context"));
        Assert.Null(second.QuerySelector("article.case"));   // the case body and its follow-ups stay on page 1
        Assert.Equal("Une très longue discussion", second.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(url, Href(second, ".case-compact a"));
        Assert.Equal("Réponses (120)", second.QuerySelector("#replies-title")!.TextContent.Trim());
        Assert.Equal($"http://localhost{url}?page=2", Href(second, "link[rel=canonical]"));
        Assert.Equal(url, Href(second, "head link[rel=prev]"));
        Assert.Equal($"{url}?page=3", Href(second, "head link[rel=next]"));
        Assert.Equal(url, Href(second, "nav.reply-pager a[rel=prev]"));

        var third = await visitor.GetDocumentAsync($"{url}?page=3");
        Assert.Equal(20, ReplyTexts(third).Count);
        Assert.Null(third.QuerySelector("nav.reply-pager a[rel=next]"));
        Assert.Null(third.QuerySelector("link[rel=next]"));

        // Beyond the last page or before the first: the nearest page that exists.
        Assert.Equal($"{url}?page=3", (await visitor.Http.GetAsync($"{url}?page=9")).Headers.Location!.ToString());
        Assert.Equal(url, (await visitor.Http.GetAsync($"{url}?page=0")).Headers.Location!.ToString());

        // A members' page has the same pages.
        var member = await app.SignedInAs(await app.Seed(A.Member().Called("lectrice")));
        Assert.Equal(Enumerable.Range(51, 50).Select(i => $"Réponse n° {i}."), ReplyTexts(await member.GetDocumentAsync($"{url}?page=2")));
    }

    /// <summary>The pager's entries as a reader sees them: page numbers, "…" for pages left out.</summary>
    private static List<string> PagerEntries(IHtmlDocument page) =>
        page.QuerySelectorAll("nav.reply-pager ol > li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_thousand_reply_discussion_shows_a_compact_pager_first_last_and_the_current_page_give_or_take_two()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Named("Autrice Fleuve"));
        var @case = await app.Seed(A.Case().By(author).Titled("Une discussion fleuve"));
        await RepliesAsync(app, @case.Id, await app.Seed(A.Member().Named("Bavarde Fleuve")), 1000);   // 20 pages
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var visitor = app.CreateFormClient("fr");

        var middle = await visitor.GetDocumentAsync($"{url}?page=10");
        var pager = middle.QuerySelector("nav.reply-pager")!;
        Assert.Equal("Pages de la discussion", pager.GetAttribute("aria-label"));
        Assert.Equal(["1", "…", "8", "9", "10", "11", "12", "…", "20"], PagerEntries(middle));
        Assert.Equal("10", pager.QuerySelector("a[aria-current=page]")!.TextContent.Trim());
        Assert.Equal("Page 20", pager.QuerySelector("li:last-child a")!.GetAttribute("aria-label"));
        Assert.Equal($"{url}?page=20", pager.QuerySelector("li:last-child a")!.GetAttribute("href"));
        Assert.Equal($"{url}?page=9", Href(middle, "nav.reply-pager a[rel=prev]"));
        Assert.Equal($"{url}?page=11", Href(middle, "nav.reply-pager a[rel=next]"));
        Assert.All(pager.QuerySelectorAll("li.pager-gap"), gap => Assert.Equal("true", gap.GetAttribute("aria-hidden")));

        Assert.Equal(["1", "2", "3", "…", "20"], PagerEntries(await visitor.GetDocumentAsync(url)));
        Assert.Equal(["1", "…", "18", "19", "20"], PagerEntries(await visitor.GetDocumentAsync($"{url}?page=20")));
        // One page between the first and the window: the page itself, never an ellipsis for a single number.
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "…", "20"], PagerEntries(await visitor.GetDocumentAsync($"{url}?page=5")));
    }

    [Fact]
    public async Task Pages_are_cached_each_under_its_own_key_and_a_reply_evicts_every_page_of_the_case()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion mise en cache"))).Id;
        var slug = await app.SlugAsync(caseId);
        var ids = await RepliesAsync(app, caseId, author, 60);
        var url = CaseUrls.Read(caseId, slug);
        var visitor = app.CreateFormClient("fr");
        Assert.Equal("Réponse n° 1.", ReplyTexts(await visitor.GetDocumentAsync(url))[0]);
        Assert.Equal("Réponse n° 51.", ReplyTexts(await visitor.GetDocumentAsync($"{url}?page=2"))[0]);

        // A change behind the app's back (no eviction): the cached pages do not see it, so they are served from the cache.
        await app.Query(db => db.Set<Reply>().Where(r => r.Id == ids[50] || r.Id == ids[0])
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.BodyHtml, "<p>Changé en douce.</p>")));
        Assert.Equal("Réponse n° 1.", ReplyTexts(await visitor.GetDocumentAsync(url))[0]);
        Assert.Equal("Réponse n° 51.", ReplyTexts(await visitor.GetDocumentAsync($"{url}?page=2"))[0]);

        // A reply through the site evicts every page of the case: page 1 (its count) and page 2 (its replies).
        var replier = await app.SignedInAs(await app.Seed(A.Member().Called("replier")));
        var posted = await replier.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse de plus." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var firstAfter = await visitor.GetDocumentAsync(url);
        Assert.Equal("Changé en douce.", ReplyTexts(firstAfter)[0]);
        Assert.Equal("Réponses (61)", firstAfter.QuerySelector("#replies-title")!.TextContent.Trim());
        var secondAfter = ReplyTexts(await visitor.GetDocumentAsync($"{url}?page=2"));
        Assert.Equal("Changé en douce.", secondAfter[0]);
        Assert.Equal("Une réponse de plus.", secondAfter[^1]);
    }

    [Fact]
    public async Task A_permalink_lands_on_the_same_page_for_visitors_members_the_author_of_a_pending_reply_and_moderators()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var newcomer = await app.Seed(A.Member().Called("nouvelle"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion avec une réponse retenue"))).Id;
        var slug = await app.SlugAsync(caseId);
        // A reply held for review early in the discussion: seen by its author and staff, it must not shift the pages.
        var ids = await RepliesAsync(app, caseId, author, 140, pendingAfter: 10, pendingBy: newcomer);
        var target = ids[119];   // the 120th counted reply: page 3
        var url = CaseUrls.Read(caseId, slug);
        var expected = $"{url}?page=3#reply-{target}";

        var readers = new[]
        {
            app.CreateFormClient("fr"),
            await app.SignedInAs(await app.Seed(A.Member().Called("lectrice"))),
            await app.SignedInAs(newcomer),
            await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator))),
        };
        foreach (var reader in readers)
        {
            var response = await reader.Http.GetAsync(CaseUrls.Reply(caseId, target));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location!.ToString());
            var page = await reader.GetDocumentAsync($"{url}?page=3");
            Assert.NotNull(page.QuerySelector($"#reply-{target}"));
            Assert.Equal("Réponse n° 101.", ReplyTexts(page)[0]);
        }
        // The held reply sits on page 1 for those who see it, and nowhere for the others.
        Assert.Contains("Réponse en attente.", ReplyTexts(await readers[2].GetDocumentAsync(url)));
        Assert.Contains("Réponse en attente.", ReplyTexts(await readers[3].GetDocumentAsync(url)));
        Assert.DoesNotContain("Réponse en attente.", ReplyTexts(await readers[0].GetDocumentAsync(url)));
        Assert.Equal(50, ReplyTexts(await readers[0].GetDocumentAsync(url)).Count);

        // An unknown reply lands on the discussion; an unknown case is not found.
        Assert.Equal($"{url}#replies-title", (await readers[0].Http.GetAsync(CaseUrls.Reply(caseId, 999_999))).Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await readers[0].Http.GetAsync(CaseUrls.Reply(999_999, target))).StatusCode);
    }

    [Fact]
    public async Task A_refused_reply_shown_to_moderators_as_a_placeholder_moves_no_page_break()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice-refus"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion avec une réponse refusée"))).Id;
        var slug = await app.SlugAsync(caseId);
        var ids = await RepliesAsync(app, caseId, author, 60);
        var refused = ids[4];
        await app.Query(db => db.Set<Reply>().Where(r => r.Id == refused).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReplyStatus.Rejected)));
        var counted = ids.Where(id => id != refused).ToList();
        var lastOfPageOne = counted[49];
        var url = CaseUrls.Read(caseId, slug);

        var visitor = app.CreateFormClient("fr");
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo-refus").WithRole(Roles.Moderator)));
        foreach (var reader in new[] { visitor, moderator })
        {
            Assert.Equal($"{url}#reply-{lastOfPageOne}", (await reader.Http.GetAsync(CaseUrls.Reply(caseId, lastOfPageOne))).Headers.Location!.ToString());
            Assert.NotNull((await reader.GetDocumentAsync(url)).QuerySelector($"#reply-{lastOfPageOne}"));
            Assert.Equal("Réponse n° 52.", ReplyTexts(await reader.GetDocumentAsync($"{url}?page=2"))[0]);
        }
        // The moderator sees the refused reply's placeholder in place on page 1.
        Assert.NotNull((await moderator.GetDocumentAsync(url)).QuerySelector($"#reply-{refused}"));
    }

    [Fact]
    public async Task Replying_first_unread_and_notifications_land_on_the_page_of_the_reply()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var reader = await app.Seed(A.Member().Called("lectrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion qui déborde"))).Id;
        var slug = await app.SlugAsync(caseId);
        var url = CaseUrls.Read(caseId, slug);
        await RepliesAsync(app, caseId, author, 100);   // two full pages
        var readerClient = await app.SignedInAs(reader);
        await readerClient.GetDocumentAsync(url);       // read pages 1 and 2: up to the 100th reply
        await readerClient.GetDocumentAsync($"{url}?page=2");

        // The 101st reply opens page 3: the redirect after replying goes there, from whichever page the form was on.
        var replier = await app.SignedInAs(await app.Seed(A.Member().Called("replier")));
        var posted = await replier.SubmitAsync($"{url}?page=2", new Dictionary<string, string> { ["Reply.Body"] = "La cent unième." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var location = posted.Headers.Location!.ToString();
        var replyId = int.Parse(location[(location.LastIndexOf("#reply-", StringComparison.Ordinal) + 7)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{url}?page=3#reply-{replyId}", location);
        Assert.Equal(["La cent unième."], ReplyTexts(await replier.GetDocumentAsync(location.Split('#')[0])));

        // "First unread" from a list lands on page 3, and page 1 points there through the permalink.
        Assert.Equal($"{url}?page=3#reply-{replyId}", (await readerClient.Http.GetAsync($"/cases/{caseId}/unread")).Headers.Location!.ToString());
        var firstPage = await readerClient.GetDocumentAsync(url);
        Assert.Equal(CaseUrls.Reply(caseId, replyId), Href(firstPage, "#first-unread a"));
        Assert.Equal("Réponses (101)", firstPage.QuerySelector("#replies-title")!.TextContent.Trim());
        // Page 1 did not show it: still unread. Once page 3 is read, "first unread" goes to the last page, where the discussion goes on.
        Assert.Equal($"{url}?page=3#reply-{replyId}", (await readerClient.Http.GetAsync($"/cases/{caseId}/unread")).Headers.Location!.ToString());
        await readerClient.GetDocumentAsync($"{url}?page=3");
        Assert.Equal($"{url}?page=3#replies-title", (await readerClient.Http.GetAsync($"/cases/{caseId}/unread")).Headers.Location!.ToString());

        // The author's notification links to the permalink, which lands on page 3.
        var authorClient = await app.SignedInAs(author);
        var notification = Href(await authorClient.GetDocumentAsync("/notifications"), "li.notification a")!;
        Assert.Equal(CaseUrls.Reply(caseId, replyId), notification);
        Assert.Equal($"{url}?page=3#reply-{replyId}", (await authorClient.Http.GetAsync(notification)).Headers.Location!.ToString());

        // The quote link of a reply on page 3 keeps the page.
        var quote = Href(await replier.GetDocumentAsync($"{url}?page=3"), $"#reply-{replyId} a.quote-link");
        Assert.Equal($"?page=3&quote={replyId}#reply-form", quote);
    }

    [Fact]
    public async Task A_page_marks_read_only_the_replies_up_to_its_last_one_and_the_helpful_order_marks_nothing_it_skipped()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion qu’on lit page à page"))).Id;
        var url = CaseUrls.Read(caseId, await app.SlugAsync(caseId));
        var replies = await RepliesAsync(app, caseId, await app.Seed(A.Member().Called("contributeur")), 120);
        var reader = await app.SignedInAs(await app.Seed(A.Member().Called("lectrice")));
        async Task<string> FirstUnreadAsync() => (await reader.Http.GetAsync($"/cases/{caseId}/unread")).Headers.Location!.ToString();
        async Task<string?> NewRepliesInListAsync() =>
            (await reader.GetDocumentAsync("/cases")).QuerySelector($"a.new-replies[href='/cases/{caseId}/unread']")?.TextContent.Trim();

        // The "most helpful" order of a long discussion picks replies from anywhere: it reads nothing in between.
        await reader.GetDocumentAsync($"{url}?sort=helpful");
        Assert.Equal($"{url}#reply-{replies[0]}", await FirstUnreadAsync());

        await reader.GetDocumentAsync(url);
        Assert.Equal($"{url}?page=2#reply-{replies[50]}", await FirstUnreadAsync());
        Assert.Equal("70 nouvelles réponses", await NewRepliesInListAsync());

        await reader.GetDocumentAsync($"{url}?page=2");
        Assert.Equal($"{url}?page=3#reply-{replies[100]}", await FirstUnreadAsync());
        Assert.Equal("20 nouvelles réponses", await NewRepliesInListAsync());

        // Going back to page 1 never moves the mark back.
        await reader.GetDocumentAsync(url);
        Assert.Equal($"{url}?page=3#reply-{replies[100]}", await FirstUnreadAsync());
        await reader.GetDocumentAsync($"{url}?page=3");
        Assert.Equal($"{url}?page=3#replies-title", await FirstUnreadAsync());
        Assert.Null(await NewRepliesInListAsync());
    }

    [Fact]
    public async Task Marking_a_reply_on_a_later_page_as_helpful_brings_the_author_back_to_that_page()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Called("autrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion utile et longue"))).Id;
        var url = CaseUrls.Read(caseId, await app.SlugAsync(caseId));
        var replies = await RepliesAsync(app, caseId, await app.Seed(A.Member().Called("contributrice")), 60);
        var authorClient = await app.SignedInAs(author);

        var marked = await authorClient.SubmitAsync($"{url}?page=2", new Dictionary<string, string>(), $"#reply-{replies[55]} form.helpful-form");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.Equal($"{url}?page=2#reply-{replies[55]}", marked.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_later_page_costs_the_same_sql_commands_as_the_first()
    {
        await using var app = App();
        var counter = new SqlCommandCounter();
        var counting = SqlCommandCounter.Counting(app, counter);
        var author = await app.Seed(A.Member().Called("autrice"));
        var reader = await app.Seed(A.Member().Called("lectrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion comptée"))).Id;
        var url = CaseUrls.Read(caseId, await app.SlugAsync(caseId));
        await RepliesAsync(app, caseId, author, 120);
        var client = (await counting.SignedInAs(reader)).Http;

        // The member's own part, read again on each counted view: kept, it would cost no query on any page
        // (MemberCasePageQueriesTests), and the counts would only say which view happened to refill it.
        var marks = counting.Services.GetRequiredService<CaseMarksCache>();
        async Task<int> CountAsync(string page)
        {
            marks.Evict(reader.Id);
            counter.Reset();
            var document = await Browse.BrowsePages.GetAsync(client, page);
            Assert.NotEmpty(ReplyTexts(document));
            return counter.Count;
        }

        await CountAsync(url);   // warm-up: read state and shared read model
        await CountAsync($"{url}?page=3");
        var first = await CountAsync(url);
        var third = await CountAsync($"{url}?page=3");
        Assert.True(first > 0, "the counter saw no command");
        Assert.Equal(first, third);
    }
}
