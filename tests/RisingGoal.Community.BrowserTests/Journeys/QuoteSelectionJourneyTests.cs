using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>Select text and "Quote" (issue 17, item 3): the reply box gets the quotation with a link to the quoted post.</summary>
public sealed class QuoteSelectionJourneyTests(DigestBrowserFixture fixture) : IClassFixture<DigestBrowserFixture>
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
        await page.WaitForURLAsync("**#reply-*");
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

    private async Task<(Member Reader, int CaseId, string CaseUrl)> SeedAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        Member NewMember(string name) => new() { UserName = name, Email = $"{name}@example.test", DisplayName = name, EmailConfirmed = true };
        var (author, reader) = (NewMember("autrice-citee"), NewMember("lecteur-citant"));
        foreach (var m in new[] { author, reader }) await users.CreateAsync(m);
        var @case = Case.Publish(author.Id, new CaseText("Un cas à citer", "Un résumé", "Le corps du cas, à citer.", null, null),
            new RenderedMarkdown("<p>Le corps du cas, à citer.</p>", 1), new CaseContext(SizeBand.From51To200, Sector.Industry, Stage.Established, null, null, AuthorRole.Manager),
            null, CaseVisibility.Public, null, [], fixture.App.Clock.GetUtcNow().UtcDateTime);
        db.Set<Case>().Add(@case);
        await db.SaveChangesAsync();
        return (reader, @case.Id, CaseUrls.Read(@case.Id, @case.Slug));
    }
}
