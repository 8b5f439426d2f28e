using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>A long discussion read page by page, with JavaScript off and on.</summary>
public sealed class ReplyPagingJourneyTests(DigestBrowserFixture fixture) : IClassFixture<DigestBrowserFixture>
{
    /// <summary>Where the journey's screenshots go when the folder exists (looked at by hand; not an assertion).</summary>
    private const string Shots = "/work/shots/paging";

    [Fact]
    public async Task Pages_are_plain_links_without_javascript_and_a_permalink_lands_on_its_reply_with_it()
    {
        var (member, caseUrl, caseId, replyIds) = await SeedAsync(120);

        // Without JavaScript: the "next page" link and the page numbers are all it takes.
        await using var noScript = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "fr-FR", JavaScriptEnabled = false });
        noScript.SetDefaultTimeout(DigestBrowserFixture.Patience);   // Playwright's 30 s ran out once on a busy CI machine
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(caseUrl);
        Assert.Equal(50, await page.Locator("article.reply").CountAsync());
        await page.ClickAsync("nav.reply-pager a[rel=next]");
        await page.ArriveAsync("**?page=2");
        Assert.Contains("Réponse n° 51.", await page.InnerTextAsync("article.reply >> nth=0"));
        await ShootAsync(page, "page-2-no-js");
        await page.ClickAsync("nav.reply-pager a[aria-label='Page 3']");
        await page.ArriveAsync("**?page=3");
        Assert.Equal(20, await page.Locator("article.reply").CountAsync());
        await page.ClickAsync(".case-compact a");
        await page.ArriveAsync("**" + caseUrl);
        Assert.True(await page.IsVisibleAsync(".case-context"));

        // With JavaScript, signed in: a reply's permalink lands on page 3 at the reply, and the page is accessible.
        var signedIn = await fixture.SignedInPageAsync(member.Email!);
        var target = replyIds[109];
        await signedIn.GotoAsync(CaseUrls.Reply(caseId, target));
        await signedIn.ArriveAsync($"**?page=3#reply-{target}");
        Assert.True(await signedIn.IsVisibleAsync($"#reply-{target}"));
        Assert.Contains("Réponse n° 110.", await signedIn.InnerTextAsync($"#reply-{target}"));
        await signedIn.AssertAccessibleAsync();
        await ShootAsync(signedIn, "page-3-member");
        await signedIn.GotoAsync(caseUrl);
        await signedIn.AssertAccessibleAsync();
        await signedIn.Locator("nav.reply-pager").ScrollIntoViewIfNeededAsync();
        await ShootAsync(signedIn, "page-1-member");
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        if (!Directory.Exists(Shots)) return;
        foreach (var (width, height) in new[] { (390, 844), (1366, 900) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        }
    }

    private async Task<(Member Member, string CaseUrl, int CaseId, List<int> ReplyIds)> SeedAsync(int replies)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var member = new Member { UserName = "lecteur", Email = "lecteur@example.test", DisplayName = "lecteur", EmailConfirmed = true };
        await users.CreateAsync(member);
        var now = fixture.App.Clock.GetUtcNow().UtcDateTime;
        var @case = Case.Publish(member.Id, new CaseText("Une discussion au long cours", "Un résumé", "Le corps", null, null),
            new RenderedMarkdown("<p>Le corps</p>", 1), new CaseContext(SizeBand.From51To200, Sector.Industry, Stage.Established, null, null, AuthorRole.Manager),
            null, CaseVisibility.Public, null, [], now.AddDays(-2));
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync();
        var rows = Enumerable.Range(1, replies)
            .Select(i => @case.AddReply(member.Id, $"Réponse n° {i}.", new RenderedMarkdown($"<p>Réponse n° {i}.</p>", 1), now.AddDays(-1).AddMinutes(i))!)
            .ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync();
        return (member, CaseUrls.Read(@case.Id, @case.Slug), @case.Id, rows.Select(r => r.Id).ToList());
    }
}
