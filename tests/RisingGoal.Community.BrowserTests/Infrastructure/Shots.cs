using Microsoft.Playwright;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>Full-page screenshots into the RG_SHOTS folder when it is set, for a person to look at; nothing otherwise.</summary>
public static class Shots
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("RG_SHOTS");

    public static async Task ShotAsync(this IPage page, string name)
    {
        if (Folder is null) return;
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>One element's screenshot (a card, a form section), to look at a detail a full page shrinks away.</summary>
    public static async Task ShotAsync(this ILocator element, string name)
    {
        if (Folder is null) return;
        Directory.CreateDirectory(Folder);
        await element.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png") });
    }
}
