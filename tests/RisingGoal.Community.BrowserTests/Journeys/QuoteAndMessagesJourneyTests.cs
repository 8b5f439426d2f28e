using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>Issue 17: select text and "Quote" fills the reply box with a linked quotation; moderators and an author exchange messages.</summary>
public sealed class QuoteAndMessagesJourneyTests(DigestBrowserFixture fixture) : IClassFixture<DigestBrowserFixture>
{
    private static Task SelectAsync(IPage page, string selector) => page.EvaluateAsync(@"selector => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector(selector));
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }", selector);

    [Fact]
    public async Task Selecting_text_in_the_case_or_a_reply_shows_Quote_which_puts_a_linked_quotation_in_the_reply_box()
    {
        var (reader, caseId, caseUrl) = await SeedAsync();
        var page = await fixture.SignedInPageAsync(reader.Email!);
        var violations = new List<string>();
        // A blocked script or style (CSP) and any script error show in the console.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) violations.Add(message.Text); };
        page.PageError += (_, error) => violations.Add(error);
        await page.GotoAsync(caseUrl);
        Assert.False(await page.IsVisibleAsync("button.quote-selection"));

        Assert.Equal(1, await page.Locator("script[src*='quote-selection']").CountAsync());
        await SelectAsync(page, "article.case .two-col > .prose p");
        await page.WaitForSelectorAsync("button.quote-selection", new() { State = WaitForSelectorState.Visible });
        await page.AssertAccessibleAsync();
        await page.ClickAsync("button.quote-selection");
        Assert.Equal($"> Le corps du cas, à citer.\n>\n> — [autrice-citee]({caseUrl})\n\n", await page.InputValueAsync("form.reply-form textarea"));
        Assert.False(await page.IsVisibleAsync("button.quote-selection"));

        await page.FillAsync("form.reply-form textarea", "Une réponse avec une phrase à reprendre.");
        await page.ClickAsync("form.reply-form button[type=submit]");
        await page.ArriveAsync("**#reply-*");
        await page.ScriptsRanAsync();   // the selection below is seen by quote-selection.js's listener
        var replyId = new Uri(page.Url).Fragment["#reply-".Length..];

        // A selection spanning part of a reply: only the selected words, signed and linked to the reply's permalink.
        await page.EvaluateAsync(@"id => {
            const text = document.querySelector('#reply-' + id + ' .prose p').firstChild;
            const range = document.createRange();
            range.setStart(text, 'Une réponse avec '.length);
            range.setEnd(text, 'Une réponse avec une phrase'.length);
            document.getSelection().removeAllRanges();
            document.getSelection().addRange(range);
        }", replyId);
        await page.ClickAsync($"#reply-{replyId} button.quote-selection");
        Assert.Equal($"> une phrase\n>\n> — [lecteur-citant](/cases/{caseId}/replies/{replyId})\n\n", await page.InputValueAsync("form.reply-form textarea"));

        // Text outside a post (the page title) offers nothing.
        await SelectAsync(page, "#case-title");
        await page.WaitForSelectorAsync("button.quote-selection", new() { State = WaitForSelectorState.Hidden });
        Assert.Empty(violations);   // no CSP violation, no script error
    }

    [Fact]
    public async Task A_moderator_writes_to_the_author_who_reads_and_answers_and_both_pages_are_accessible()
    {
        var (reader, caseId, _) = await SeedAsync("modo-ecrit", "autrice-ecrite");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(Roles.Moderator)) await roles.CreateAsync(new IdentityRole(Roles.Moderator));
            await users.AddToRoleAsync((await users.FindByIdAsync(reader.Id))!, Roles.Moderator);
        }
        var moderator = await fixture.SignedInPageAsync(reader.Email!);
        await moderator.GotoAsync($"/moderation/messages/write/case/{caseId}");
        await moderator.AssertAccessibleAsync();
        await moderator.FillAsync("#message-body", "Pourriez-vous retirer le nom du client ?");
        await moderator.ClickAsync("form.message-form button[type=submit]");
        await moderator.ArriveAsync("**/moderation/messages/*");
        await moderator.AssertAccessibleAsync();
        var thread = new Uri(moderator.Url).AbsolutePath.Split('/')[^1];

        var author = await fixture.SignedInPageAsync("autrice-ecrite@example.test");
        await author.GotoAsync("/notifications");
        await author.AssertAccessibleAsync();
        await author.ClickAsync("li.notification a");
        await author.ArriveAsync("**/messages/" + thread);
        await author.AssertAccessibleAsync();
        await author.FillAsync("#message-body", "C’est fait.");
        await author.ClickAsync("form.message-form button[type=submit]");
        await author.WaitForSelectorAsync("li.from-member");
        await moderator.GotoAsync("/moderation/messages");
        await moderator.AssertAccessibleAsync();
        Assert.Equal(1, await moderator.Locator("li.awaits").CountAsync());
    }

    private async Task<(Member Reader, int CaseId, string CaseUrl)> SeedAsync(string readerName = "lecteur-citant", string authorName = "autrice-citee")
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        Member NewMember(string name) => new() { UserName = name, Email = $"{name}@example.test", DisplayName = name, EmailConfirmed = true };
        var (author, reader) = (NewMember(authorName), NewMember(readerName));
        foreach (var m in new[] { author, reader }) await users.CreateAsync(m);
        var @case = Case.Publish(author.Id, new CaseText("Un cas à citer", "Un résumé", "Le corps du cas, à citer.", null, null),
            new RenderedMarkdown("<p>Le corps du cas, à citer.</p>", 1), new CaseContext(SizeBand.From51To200, Sector.Industry, Stage.Established, null, null, AuthorRole.Manager),
            null, CaseVisibility.Public, null, [], fixture.App.Clock.GetUtcNow().UtcDateTime);
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync();
        return (reader, @case.Id, CaseUrls.Read(@case.Id, @case.Slug));
    }
}
