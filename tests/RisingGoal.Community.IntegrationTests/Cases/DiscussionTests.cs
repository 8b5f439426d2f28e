using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class DiscussionTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private static Dictionary<string, string> On(bool on = true) => new() { ["on"] = on ? "true" : "false" };

    [Fact]
    public async Task A_reply_appears_and_a_deleted_reply_leaves_a_tombstone()
    {
        var author = await factory.Seed(A.Member().Named("Auteur"));
        var @case = await factory.Seed(A.Case().By(author).Composed());
        var replier = await factory.SignedInAs(await factory.Seed(A.Member().Named("Répondant")));
        var url = CaseUrls.Read(@case.Id, @case.Slug);

        var posted = await replier.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "**même chose** chez nous" }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await replier.GetDocumentAsync(url);
        var reply = page.QuerySelector("article.reply")!;
        Assert.Equal("même chose", reply.QuerySelector("strong")!.TextContent);
        Assert.Equal(1, await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ReplyCount).SingleAsync()));

        var editUrl = reply.QuerySelector("a[href$='/edit']")!.GetAttribute("href")!;
        var deleted = await replier.SubmitAsync(editUrl, new Dictionary<string, string>(), "form[action*='Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        page = await replier.GetDocumentAsync(url);
        Assert.Equal("Cette réponse a été retirée.", page.QuerySelector("article.reply")!.TextContent.Trim());
        Assert.Equal(0, await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ReplyCount).SingleAsync()));
    }

    [Fact]
    public async Task A_locked_case_shows_no_reply_form()
    {
        var author = await factory.Seed(A.Member().Named("Verrou"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas verrouillé").With(c => c.Lock(factory.Clock.GetUtcNow().UtcDateTime)));
        var client = await factory.SignedInAs(author);
        var page = await client.GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Null(page.QuerySelector("form.reply-form"));
        Assert.Contains("Ce cas est verrouillé", page.QuerySelector(".replies .notice")!.TextContent);
        var refused = await client.PostWithTokenAsync(CaseUrls.Read(@case.Id, @case.Slug), $"{CaseUrls.Read(@case.Id, @case.Slug)}?handler=Reply",
            new Dictionary<string, string> { ["Reply.Body"] = "j'essaie quand même" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(0, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id)));
    }

    [Fact]
    public async Task Resonating_twice_counts_once()
    {
        var author = await factory.Seed(A.Member().Named("Résonance"));
        var @case = await factory.Seed(A.Case().By(author).Composed());
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Lectrice")));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync(url, $"/cases/{@case.Id}/reactions?handler=Resonate", On())).StatusCode);

        var page = await client.GetDocumentAsync(url);
        Assert.Equal("1", page.QuerySelector(".resonance-count")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#resonance button")!.GetAttribute("aria-pressed"));
        await client.PostWithTokenAsync(url, $"/cases/{@case.Id}/reactions?handler=Resonate", On(false));
        Assert.Equal("0", (await client.GetDocumentAsync(url)).QuerySelector(".resonance-count")!.TextContent);
    }

    [Fact]
    public async Task Parallel_resonances_keep_the_counter_right()
    {
        var author = await factory.Seed(A.Member().Named("Parallèle"));
        var @case = await factory.Seed(A.Case().By(author).Composed());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var clients = new List<FormClient>();
        for (var i = 0; i < 6; i++)
            clients.Add(await factory.SignedInAs(await factory.Seed(A.Member().Named($"Membre{i}"))));
        var token = new Dictionary<FormClient, string>();
        foreach (var c in clients)
            token[c] = (await c.GetDocumentAsync(url)).QuerySelector("#resonance input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Each member clicks twice at the same time: 12 concurrent requests, 6 resonances.
        var responses = await Task.WhenAll(clients.Concat(clients).Select(c => c.Http.PostAsync($"/cases/{@case.Id}/reactions?handler=Resonate",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "true", ["__RequestVerificationToken"] = token[c] }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var (count, rows) = await factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ResonanceCount).SingleAsync(),
            await db.Set<Resonance>().CountAsync(r => r.CaseId == @case.Id)));
        Assert.Equal(6, rows);
        Assert.Equal(6, count);
    }

    [Fact]
    public async Task Parallel_replies_keep_the_counter_right()
    {
        var author = await factory.Seed(A.Member().Named("Fil parallèle"));
        var @case = await factory.Seed(A.Case().By(author).Composed());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var posts = new List<(FormClient Client, string Action, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            var client = await factory.SignedInAs(await factory.Seed(A.Member().Named($"Répondeur{i}")));
            var form = (await client.GetDocumentAsync(url)).QuerySelector("form.reply-form")!;
            posts.Add((client, form.GetAttribute("action") is { Length: > 0 } action ? action : url,
                form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        }

        // Each member replies twice at the same time: 12 concurrent writers on one SQLite file.
        var responses = await Task.WhenAll(posts.Concat(posts).Select((p, n) => p.Client.Http.PostAsync(p.Action,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reply.Body"] = $"Réponse numéro {n}.", ["__RequestVerificationToken"] = p.Token }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var (count, rows) = await factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ReplyCount).SingleAsync(),
            await db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id && r.Status == ReplyStatus.Published)));
        Assert.Equal(12, rows);
        Assert.Equal(12, count);
    }

    [Fact]
    public async Task Bookmark_and_follow_toggle()
    {
        var author = await factory.Seed(A.Member().Named("Signet"));
        var @case = await factory.Seed(A.Case().By(author).Composed());
        var member = await factory.Seed(A.Member().Named("Garde"));
        var client = await factory.SignedInAs(member);
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        Task<(int Bookmarks, int Follows)> MarksAsync() => factory.Query(async db => (
            await db.Set<Bookmark>().CountAsync(b => b.MemberId == member.Id && b.CaseId == @case.Id),
            await db.Set<CaseFollow>().CountAsync(f => f.MemberId == member.Id && f.CaseId == @case.Id)));
        async Task<string> NextPressAsync(string handler)   // what the page's button for this mark would send next
        {
            var page = await client.Http.GetStringAsync(url);
            var form = page[page.IndexOf($"handler={handler}\"", StringComparison.Ordinal)..];
            return System.Text.RegularExpressions.Regex.Match(form, "name=\"on\" value=\"(\\w+)\"").Groups[1].Value;
        }

        foreach (var handler in new[] { "Bookmark", "Follow", "Follow" })   // a second press "on" changes nothing
            await client.PostWithTokenAsync(url, $"/cases/{@case.Id}/reactions?handler={handler}", On());
        Assert.Equal((1, 1), await MarksAsync());
        Assert.Equal(("false", "false"), (await NextPressAsync("Bookmark"), await NextPressAsync("Follow")));

        foreach (var handler in new[] { "Bookmark", "Follow" })
            await client.PostWithTokenAsync(url, $"/cases/{@case.Id}/reactions?handler={handler}", On(false));
        Assert.Equal((0, 0), await MarksAsync());
        Assert.Equal(("true", "true"), (await NextPressAsync("Bookmark"), await NextPressAsync("Follow")));
    }
}
