using Microsoft.Playwright;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// Arriving at a page after a click, without JavaScript. <c>WaitForURLAsync</c> then waits for the "load" lifecycle
/// event, and twice in CI (FirstCaseJourneyTests, ReplyPagingJourneyTests, both in contexts without JavaScript) it never
/// came within 60 s although Playwright logged "networkidle": our pages come from the page cache within a millisecond,
/// and the event was lost. So the arrival waits for the navigation to commit, then for the site footer, the last
/// element of every page: the document is parsed through it, so counting or reading what came before is safe.
/// </summary>
public static class Arrival
{
    public static Task ArriveAsync(this IPage page, string urlGlob) =>
        ThenParsedAsync(page, page.WaitForURLAsync(urlGlob, Committed));

    public static Task ArriveAsync(this IPage page, Func<string, bool> url) =>
        ThenParsedAsync(page, page.WaitForURLAsync(url, Committed));

    /// <summary>
    /// For a step that needs what the page's deferred scripts set up (a listener): they run once the document is parsed,
    /// before it is complete, which is polled here rather than awaited as a lifecycle event.
    /// </summary>
    public static Task ScriptsRanAsync(this IPage page) => page.WaitForFunctionAsync("document.readyState === 'complete'");

    private static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    private static async Task ThenParsedAsync(IPage page, Task committed)
    {
        await committed;
        await page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }
}
