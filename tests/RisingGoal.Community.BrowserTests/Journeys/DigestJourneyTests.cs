using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class DigestJourneyTests(DigestBrowserFixture fixture) : IClassFixture<DigestBrowserFixture>
{
    [Fact]
    public async Task A_member_chooses_a_weekly_digest_and_an_administrator_picks_a_case_and_previews_it()
    {
        var (reader, admin, tension, caseUrl) = await SeedAsync();

        var page = await fixture.SignedInPageAsync(reader.Email!);
        await page.GotoAsync("/account");
        await page.AssertAccessibleAsync();
        await page.ClickAsync("main a[href='/digests/preferences']");
        await page.ArriveAsync("**/digests/preferences");
        await page.AssertAccessibleAsync();
        Assert.True(await page.IsCheckedAsync("#frequency-never"));   // explicit opt-in
        await page.CheckAsync("#frequency-weekly");
        await page.CheckAsync($"#tag-{tension}");
        await page.ClickAsync("main form.stacked button[type=submit]");
        await page.WaitForSelectorAsync("p.notice[role=status]");
        Assert.Contains("Vos réglages des e-mails sont enregistrés", await page.InnerTextAsync("main"));
        Assert.True(await page.IsCheckedAsync("#frequency-weekly"));
        Assert.True(await page.IsCheckedAsync($"#tag-{tension}"));
        await page.AssertAccessibleAsync();

        var adminPage = await fixture.SignedInPageAsync(admin.Email!);
        await adminPage.GotoAsync(caseUrl);
        await adminPage.ClickAsync(".moderator-tools form.mod-pick button");
        await adminPage.WaitForSelectorAsync("p.notice[role=status]");
        Assert.Contains("est le choix de la semaine pour la tension Centralisation vs autonomie", await adminPage.InnerTextAsync("main"));
        await adminPage.GotoAsync($"/digests/pick/{caseUrl.Split('/')[2]}");
        await adminPage.AssertAccessibleAsync();
        Assert.Contains("Choix de la semaine pour Centralisation vs autonomie", await adminPage.InnerTextAsync("main"));

        await adminPage.GotoAsync("/admin/digests");
        await adminPage.AssertAccessibleAsync();
        await adminPage.FillAsync("#preview-member", reader.Email!);
        await adminPage.ClickAsync("form[action='/admin/digests/preview'] button");
        // The preview is the mail itself, without the site's footer (Arrival waits for it): committed, then read once
        // its last line, the unsubscribe link, is parsed.
        await adminPage.WaitForURLAsync("**/admin/digests/preview?**", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(adminPage.Locator("body")).ToContainTextAsync("Se désabonner du résumé");
        var preview = await adminPage.InnerTextAsync("body");
        Assert.Contains("Un cas à lire lundi", preview);
        Assert.Contains("Le choix des modérateurs", preview);
        Assert.Contains("Se désabonner du résumé", preview);

        await adminPage.GotoAsync("/admin/outbox");
        await adminPage.AssertAccessibleAsync();
    }

    private async Task<(Member Reader, Member Admin, int Tension, string CaseUrl)> SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        Member NewMember(string name) => new() { UserName = name, Email = $"{name}@example.test", DisplayName = name, EmailConfirmed = true };
        var (reader, author, admin) = (NewMember("reader"), NewMember("author"), NewMember("admin"));
        foreach (var m in new[] { reader, author, admin }) await users.CreateAsync(m);
        if (!await roles.RoleExistsAsync(Roles.Administrator)) await roles.CreateAsync(new IdentityRole(Roles.Administrator));
        await users.AddToRoleAsync(admin, Roles.Administrator);
        var tag = new Tag { Kind = TagKind.Tension, Slug = "centralisation-autonomie", NameFr = "Centralisation vs autonomie", NameEn = "Centralisation vs autonomy" };
        db.Set<Tag>().Add(tag);
        await db.SaveChangesAsync();
        var @case = Case.Publish(author.Id, new CaseText("Un cas à lire lundi", "Un résumé", "Le corps", null, null),
            new RenderedMarkdown("<p>Le corps</p>", 1), new CaseContext(SizeBand.From51To200, Sector.Industry, Stage.Established, null, null, AuthorRole.Manager),
            null, CaseVisibility.Public, null, [tag.Id], fixture.App.Clock.GetUtcNow().UtcDateTime);
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync();
        return (reader, admin, tag.Id, CaseUrls.Read(@case.Id, @case.Slug));
    }
}
