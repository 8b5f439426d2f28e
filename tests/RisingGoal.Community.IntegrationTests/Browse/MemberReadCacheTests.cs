using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    private static readonly WebApplicationFactoryClientOptions NoCookies = new() { HandleCookies = false };

    private static async Task<string> GetAsync(HttpClient client, string url, string memberId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TestAuthHandler.Header, memberId);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_member_sees_a_new_case_at_once_on_every_list_already_read()
    {
        var app = TestAuthHandler.WithTestAuth(factory.With("Caching:Enabled", "true"));
        var data = new BrowseData(app.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var reader = await data.MemberAsync("Lectrice Cache", now);
        var author = await data.MemberAsync("Auteur Cache Membre", now);
        await data.CaseAsync(author, "Cas déjà lu", now.AddHours(-2), ["apparent-alignment", "ambition-vs-execution"]);
        var client = app.CreateClient(NoCookies);
        string[] urls = ["/cases", "/", "/tensions/ambition-vs-execution", "/cases?drift=apparent-alignment&tension=ambition-vs-execution"];
        foreach (var url in urls) Assert.Contains("Cas déjà lu", await GetAsync(client, url, reader));

        await data.CaseAsync(author, "Cas publié ensuite", now.AddMinutes(-1), ["apparent-alignment", "ambition-vs-execution"],
            visibility: CaseVisibility.MembersOnly);

        foreach (var url in urls) Assert.Contains("Cas publié ensuite", await GetAsync(client, url, reader));
    }

    [Fact]
    public async Task A_case_page_shared_by_members_still_shows_each_member_their_own_pending_reply_and_marks()
    {
        var app = TestAuthHandler.WithTestAuth(factory.With("Caching:Enabled", "true"));
        var data = new BrowseData(app.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync("Autrice Page", now);
        var newcomer = await data.MemberAsync("Nouvelle Venue", now);
        var other = await data.MemberAsync("Autre Membre", now);
        var caseId = await data.CaseAsync(author, "Cas partagé", now.AddHours(-1), ["apparent-alignment"]);
        var client = app.CreateClient(NoCookies);
        var url = $"/cases/{caseId}";
        var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { TestAuthHandler.Header, other } } });
        url = first.RequestMessage!.RequestUri!.PathAndQuery;   // the canonical address, with its slug
        Assert.Contains("Cas partagé", await GetAsync(client, url, other));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var reply = @case.AddReply(newcomer, "Ma réponse en attente de relecture.",
                new RenderedMarkdown("<p>Ma réponse en attente de relecture.</p>", 1), now)!;
            reply.HoldForReview();
            db.Add(reply);
            @case.Resonate(newcomer, now);
            await db.SaveChangesAsync();
        }

        var newcomerPage = await GetAsync(client, url, newcomer);
        Assert.Contains("Ma réponse en attente de relecture.", newcomerPage);
        Assert.DoesNotContain("Ma réponse en attente de relecture.", await GetAsync(client, url, other));
        Assert.DoesNotContain("Ma réponse en attente de relecture.", await GetAsync(client, url, author));
        // The language and theme switches have a pressed button on every page; the resonance button is the newcomer's only.
        static int Pressed(string html) => html.Split("aria-pressed=\"true\"").Length - 1;
        var otherPage = await GetAsync(client, url, other);
        Assert.Equal(Pressed(otherPage) + 1, Pressed(newcomerPage));
        Assert.Equal(Pressed(await GetAsync(client, url, author)), Pressed(otherPage));
    }

    [Fact]
    public async Task Rendered_replies_are_shared_until_a_new_reply_and_never_shared_with_their_authors()
    {
        var app = TestAuthHandler.WithTestAuth(factory.With("Caching:Enabled", "true"));
        var data = new BrowseData(app.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync("Autrice Fil", now);
        var replier = await data.MemberAsync("Répondante Fil", now);
        var reader = await data.MemberAsync("Lecteur Fil", now);
        var otherReader = await data.MemberAsync("Lectrice Fil", now);
        var caseId = await data.CaseAsync(author, "Cas au long fil", now.AddHours(-1), ["apparent-alignment"], replies: 2);
        var client = app.CreateClient(NoCookies);
        var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/cases/{caseId}") { Headers = { { TestAuthHandler.Header, reader } } });
        var url = first.RequestMessage!.RequestUri!.PathAndQuery;
        static int Replies(string html) => html.Split("class=\"card reply\"").Length - 1;
        Assert.Equal(2, Replies(await GetAsync(client, url, reader)));

        // Behind the app's back (no write effect, so no eviction): only a page built from the shared entry still shows the old text.
        await ChangeReplyHtmlBehindTheAppsBackAsync(app.Services, caseId, "<p>Réécrite en douce.</p>");
        var shared = await GetAsync(client, url, otherReader);
        Assert.Equal(2, Replies(shared));
        Assert.DoesNotContain("Réécrite en douce.", shared);

        await data.ReplyAsync(caseId, replier, now);   // a write through the app: the entry goes

        var readerPage = await GetAsync(client, url, reader);
        Assert.Equal(3, Replies(readerPage));
        Assert.Contains("Réécrite en douce.", readerPage);
        Assert.DoesNotContain("/edit\"", readerPage.Split("id=\"replies-title\"")[1]);
        // The replier's page is rendered for them: the edit link on their reply, no flag link on it.
        var replierPage = (await GetAsync(client, url, replier)).Split("id=\"replies-title\"")[1];
        Assert.Single(replierPage.Split("/edit\"").Skip(1));
        Assert.Equal(2, replierPage.Split("class=\"flag-link\"").Length - 1);
        Assert.Equal(3, readerPage.Split("id=\"replies-title\"")[1].Split("class=\"flag-link\"").Length - 1);
    }

    [Fact]
    public async Task A_write_to_one_case_makes_every_shared_entry_stale()
    {
        var app = TestAuthHandler.WithTestAuth(factory.With("Caching:Enabled", "true"));
        var data = new BrowseData(app.Services);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await data.TaxonomyAsync();
        var author = await data.MemberAsync("Auteur Périmé", now);
        var reader = await data.MemberAsync("Lecteur Périmé", now);
        var watched = await data.CaseAsync(author, "Cas observé", now.AddHours(-2), ["framework-vs-culture"]);
        var elsewhere = await data.CaseAsync(author, "Cas ailleurs", now.AddHours(-3), ["delivery-vs-scalability"]);
        var client = app.CreateClient(NoCookies);
        string[] urls = [$"/cases/{watched}", "/cases", "/tensions/framework-vs-culture"];
        foreach (var url in urls) Assert.Contains("Cas observé", await GetAsync(client, url, reader));

        await ChangeTitleBehindTheAppsBackAsync(app.Services, watched, "Cas retitré en douce");
        foreach (var url in urls) Assert.DoesNotContain("Cas retitré en douce", await GetAsync(client, url, reader));   // served from the entries

        await data.ReplyAsync(elsewhere, reader, now);   // a write to another case, on another tension

        foreach (var url in urls) Assert.Contains("Cas retitré en douce", await GetAsync(client, url, reader));
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
