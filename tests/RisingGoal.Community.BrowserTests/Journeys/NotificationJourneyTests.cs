using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class NotificationJourneyTests(DigestBrowserFixture fixture) : IClassFixture<DigestBrowserFixture>
{
    /// <summary>Where the journey's screenshots go when the folder exists (looked at by hand; not an assertion).</summary>
    private const string Shots = "/work/shots/member";

    [Fact]
    public async Task A_reply_on_my_case_shows_in_the_header_count_then_on_the_notifications_page_and_lands_on_the_reply()
    {
        var (author, replier, caseUrl) = await SeedAsync();

        var replierPage = await fixture.SignedInPageAsync(replier.Email!);
        await replierPage.GotoAsync(caseUrl);
        await replierPage.FillAsync("form.reply-form textarea", "Même chose chez nous, @autrice : les cycles tournent à vide.");
        await replierPage.ClickAsync("form.reply-form button[type=submit]");
        await replierPage.ArriveAsync("**#reply-*");
        var replyAnchor = new Uri(replierPage.Url).Fragment;

        var page = await fixture.SignedInPageAsync(author.Email!);
        await page.GotoAsync("/cases");
        Assert.Equal("1", (await page.InnerTextAsync(".notifications-link .notification-count")).Trim());
        await ShootAsync(page, "header-count");
        await page.ClickAsync(".notifications-link");
        await page.ArriveAsync("**/notifications");
        await page.AssertAccessibleAsync();
        Assert.Contains("replier vous a mentionné dans une réponse", await page.InnerTextAsync("main"));
        await ShootAsync(page, "notifications");
        await page.GotoAsync("/account");
        await page.AssertAccessibleAsync();
        await ShootAsync(page, "account");
        await page.GotoAsync("/notifications");
        await page.ClickAsync("li.notification a");
        await page.ArriveAsync("**" + replyAnchor);
        Assert.True(await page.IsVisibleAsync(replyAnchor));
        Assert.Equal(0, await page.Locator(".notifications-link .notification-count").CountAsync());   // read once opened

        var english = await fixture.SignedInPageAsync(author.Email!, "en-GB");
        await english.GotoAsync("/notifications");
        Assert.Contains("replier mentioned you in a reply", await english.InnerTextAsync("main"));
        await english.AssertAccessibleAsync();
        await ShootAsync(english, "notifications-en");
        await english.GotoAsync("/account");
        await ShootAsync(english, "account-en");
    }

    [Fact]
    public async Task A_saved_case_is_on_the_saved_page_and_a_tension_followed_from_its_page_is_in_the_digest_settings()
    {
        var (_, reader, caseUrl) = await SeedAsync("lectrice", "autrice-suivie");
        var page = await fixture.SignedInPageAsync(reader.Email!);
        await page.GotoAsync(caseUrl);
        await page.ClickAsync("#actions button[type=submit]");
        await page.ArriveAsync("**" + caseUrl + "*");
        Assert.Equal("true", await page.GetAttributeAsync("#actions button[type=submit]", "aria-pressed"));
        await page.GotoAsync("/account/saved");
        Assert.Contains("Des OKR remplis, des équipes désalignées", await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/tensions/centralisation-vs-autonomy");
        await page.ClickAsync("main form button[aria-pressed=false]");
        await page.WaitForSelectorAsync("main form button[aria-pressed=true]");
        int tensionId;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            tensionId = scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Features.Taxonomy.Tag>()
                .Single(t => t.Slug == "centralisation-vs-autonomy").Id;
        await page.GotoAsync("/digests/preferences");
        Assert.True(await page.IsCheckedAsync($"#tag-{tensionId}"));
        await page.AssertAccessibleAsync();
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

    private async Task<(Member Author, Member Replier, string CaseUrl)> SeedAsync(string replierName = "replier", string authorName = "autrice")
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        Member NewMember(string name) => new() { UserName = name, Email = $"{name}@example.test", DisplayName = name, EmailConfirmed = true };
        var (author, replier) = (NewMember(authorName), NewMember(replierName));
        foreach (var m in new[] { author, replier }) await users.CreateAsync(m);
        var @case = Case.Publish(author.Id, new CaseText("Des OKR remplis, des équipes désalignées", "Un résumé", "Le corps", null, null),
            new RenderedMarkdown("<p>Le corps</p>", 1), new CaseContext(SizeBand.From51To200, Sector.Industry, Stage.Established, null, null, AuthorRole.Manager),
            null, CaseVisibility.Public, null, [], fixture.App.Clock.GetUtcNow().UtcDateTime);
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync();
        return (author, replier, CaseUrls.Read(@case.Id, @case.Slug));
    }
}
