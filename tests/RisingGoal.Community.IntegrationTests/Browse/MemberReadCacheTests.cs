using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// Signed-in pages reuse the read models every member shares (CaseReadCache, on here; off in Development): a write
/// on this instance shows at once, and what is a member's own (pending replies, marks) is never shared.
/// </summary>
public sealed class MemberReadCacheTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    /// <summary>Set before any test of the class builds the host.</summary>
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    /// <summary>Each member reads through a client of their own, signed in with the real cookie (redirects followed).</summary>
    private async Task<HttpClient> ClientOfAsync(Member member) => (await _app.SignedInAs(member, followRedirects: true)).Http;

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private Task<Member> MemberAsync(string name, DateTime now) => _app.Seed(A.Member().Named(name).JoinedAt(now));

    [Fact]
    public async Task A_member_sees_a_new_case_at_once_on_every_list_already_read()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var reader = await ClientOfAsync(await MemberAsync("Lectrice Cache", now));
        var author = await MemberAsync("Auteur Cache Membre", now);
        await _app.Seed(A.Case().By(author).Titled("Cas déjà lu").PublishedAt(now.AddHours(-2)).Tagged("apparent-alignment", "ambition-vs-execution"));
        string[] urls = ["/cases", "/", "/tensions/ambition-vs-execution", "/cases?drift=apparent-alignment&tension=ambition-vs-execution"];
        foreach (var url in urls) Assert.Contains("Cas déjà lu", await GetAsync(reader, url));

        await _app.Seed(A.Case().By(author).Titled("Cas publié ensuite").PublishedAt(now.AddMinutes(-1)).Tagged("apparent-alignment", "ambition-vs-execution")
            .Visible(CaseVisibility.MembersOnly));

        foreach (var url in urls) Assert.Contains("Cas publié ensuite", await GetAsync(reader, url));
    }

    [Fact]
    public async Task A_case_page_shared_by_members_still_shows_each_member_their_own_pending_reply_and_marks()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await MemberAsync("Autrice Page", now);
        var newcomer = await MemberAsync("Nouvelle Venue", now);
        var other = await ClientOfAsync(await MemberAsync("Autre Membre", now));
        var (authorClient, newcomerClient) = (await ClientOfAsync(author), await ClientOfAsync(newcomer));
        var caseId = (await _app.Seed(A.Case().By(author).Titled("Cas partagé").PublishedAt(now.AddHours(-1)).Tagged("apparent-alignment"))).Id;
        var url = $"/cases/{caseId}";
        var first = await other.GetAsync(url);
        url = first.RequestMessage!.RequestUri!.PathAndQuery;   // the canonical address, with its slug
        Assert.Contains("Cas partagé", await GetAsync(other, url));

        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var reply = @case.AddReply(newcomer.Id, "Ma réponse en attente de relecture.",
                new RenderedMarkdown("<p>Ma réponse en attente de relecture.</p>", 1), now)!;
            reply.HoldForReview();
            db.Add(reply);
            @case.Resonate(newcomer.Id, now);
            await db.SaveChangesAsync();
        }

        var newcomerPage = await GetAsync(newcomerClient, url);
        Assert.Contains("Ma réponse en attente de relecture.", newcomerPage);
        Assert.DoesNotContain("Ma réponse en attente de relecture.", await GetAsync(other, url));
        Assert.DoesNotContain("Ma réponse en attente de relecture.", await GetAsync(authorClient, url));
        // The language and theme switches have a pressed button on every page; the resonance button is the newcomer's only.
        static int Pressed(string html) => html.Split("aria-pressed=\"true\"").Length - 1;
        var otherPage = await GetAsync(other, url);
        Assert.Equal(Pressed(otherPage) + 1, Pressed(newcomerPage));
        Assert.Equal(Pressed(await GetAsync(authorClient, url)), Pressed(otherPage));
    }

    [Fact]
    public async Task Rendered_replies_are_shared_until_a_new_reply_and_never_shared_with_their_authors()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await MemberAsync("Autrice Fil", now);
        var replier = await MemberAsync("Répondante Fil", now);
        await _app.Seed(A.Case().By(replier).PublishedAt(now.AddDays(-60)).WithReplies(3));   // trusted (four approved posts, long ago): her reply shows at once
        var reader = await ClientOfAsync(await MemberAsync("Lecteur Fil", now));
        var otherReader = await ClientOfAsync(await MemberAsync("Lectrice Fil", now));
        var caseId = (await _app.Seed(A.Case().By(author).Titled("Cas au long fil").PublishedAt(now.AddHours(-1)).Tagged("apparent-alignment").WithReplies(2))).Id;
        var first = await reader.GetAsync($"/cases/{caseId}");
        var url = first.RequestMessage!.RequestUri!.PathAndQuery;
        static int Replies(string html) => html.Split("class=\"card reply\"").Length - 1;
        Assert.Equal(2, Replies(await GetAsync(reader, url)));

        // Behind the app's back (no write effect, so no eviction): only a page built from the shared entry still shows the old text.
        await ChangeReplyHtmlBehindTheAppsBackAsync(_app.Services, caseId, "<p>Réécrite en douce.</p>");
        var shared = await GetAsync(otherReader, url);
        Assert.Equal(2, Replies(shared));
        Assert.DoesNotContain("Réécrite en douce.", shared);

        await _app.ReplyOnPageAsync(await _app.SignedInAs(replier), caseId, "Réponse.");   // a new reply, posted on the page: the entry goes

        var readerPage = await GetAsync(reader, url);
        Assert.Equal(3, Replies(readerPage));
        Assert.Contains("Réécrite en douce.", readerPage);
        Assert.DoesNotContain("/edit\"", readerPage.Split("id=\"replies-title\"")[1]);
        // The replier's page is rendered for them: the edit link on their reply, no flag link on it.
        var replierPage = (await GetAsync(await ClientOfAsync(replier), url)).Split("id=\"replies-title\"")[1];
        Assert.Single(replierPage.Split("/edit\"").Skip(1));
        Assert.Equal(2, replierPage.Split("class=\"flag-link\"").Length - 1);
        Assert.Equal(3, readerPage.Split("id=\"replies-title\"")[1].Split("class=\"flag-link\"").Length - 1);
    }

    [Fact]
    public async Task A_write_to_one_case_makes_every_shared_entry_stale()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var author = await MemberAsync("Auteur Périmé", now);
        var reader = await MemberAsync("Lecteur Périmé", now);
        var client = await ClientOfAsync(reader);
        var watched = (await _app.Seed(A.Case().By(author).Titled("Cas observé").PublishedAt(now.AddHours(-2)).Tagged("framework-vs-culture"))).Id;
        var elsewhere = (await _app.Seed(A.Case().By(author).Titled("Cas ailleurs").PublishedAt(now.AddHours(-3)).Tagged("delivery-vs-scalability"))).Id;
        string[] urls = [$"/cases/{watched}", "/cases", "/tensions/framework-vs-culture"];
        foreach (var url in urls) Assert.Contains("Cas observé", await GetAsync(client, url));

        await ChangeTitleBehindTheAppsBackAsync(_app.Services, watched, "Cas retitré en douce");
        foreach (var url in urls) Assert.DoesNotContain("Cas retitré en douce", await GetAsync(client, url));   // served from the entries

        await _app.Seed(A.Reply().On(elsewhere).By(reader).Saying("Réponse.").At(now));   // a write to another case, on another tension

        foreach (var url in urls) Assert.Contains("Cas retitré en douce", await GetAsync(client, url));
    }

    private static async Task ChangeReplyHtmlBehindTheAppsBackAsync(IServiceProvider services, int caseId, string html)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        await db.Set<Reply>().Where(r => r.CaseId == caseId).ExecuteUpdateAsync(u => u.SetProperty(r => r.BodyHtml, html));
    }

    private static async Task ChangeTitleBehindTheAppsBackAsync(IServiceProvider services, int caseId, string title)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        await db.Set<Case>().Where(c => c.Id == caseId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Title, title));
    }
}
