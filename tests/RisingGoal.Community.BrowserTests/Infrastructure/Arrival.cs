using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// Arriving at a page after a click, with or without JavaScript. <c>WaitForURLAsync</c> waits for the "load" lifecycle
/// event, and in CI it several times never came within 60 s although Playwright logged "networkidle" (FirstCaseJourneyTests,
/// ReplyPagingJourneyTests, AccountJourneyTests): our pages come from the page cache within a millisecond, and the event
/// was lost. So the arrival waits for the main frame to navigate to the address, then for the site footer, the last
/// element of every page: the document is parsed through it, so counting or reading what came before is safe.
/// </summary>
public static class Arrival
{
    /// <summary><c>**</c> any characters, <c>*</c> any but "/", everything else as written ("?" included), as the tests use globs.</summary>
    public static Task ArriveAsync(this IPage page, string urlGlob) => page.ArriveAsync(Glob(urlGlob).IsMatch);

    /// <summary>
    /// Not <c>WaitForURLAsync</c>, even for the commit: when the address already matches as it is called (the click's
    /// navigation committed first, as a cached page does), it waits for the "load" state, which was lost once more in CI
    /// (ReplyPagingJourneyTests). The main frame's navigations are watched from before the address is read, so none is missed.
    /// </summary>
    public static async Task ArriveAsync(this IPage page, Func<string, bool> url)
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Navigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame && url(frame.Url)) arrived.TrySetResult();
        }
        page.FrameNavigated += Navigated;
        try
        {
            if (url(page.Url)) arrived.TrySetResult();
            await arrived.Task.WaitAsync(TimeSpan.FromMilliseconds(BrowserFixture.Patience));
        }
        finally
        {
            page.FrameNavigated -= Navigated;
        }
        await page.Locator("footer.site-footer").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// For a step that needs what the page's deferred scripts set up (a listener): they run once the document is parsed,
    /// before it is complete, which is polled here rather than awaited as a lifecycle event.
    /// </summary>
    public static Task ScriptsRanAsync(this IPage page) => page.WaitForFunctionAsync("document.readyState === 'complete'");

    private static Regex Glob(string glob) =>
        new("^" + string.Join(".*", glob.Split("**").Select(part => string.Join("[^/]*", part.Split('*').Select(Regex.Escape)))) + "$");
}
