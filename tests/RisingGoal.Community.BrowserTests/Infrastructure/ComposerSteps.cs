using Microsoft.Playwright;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>Steps of the case composer that journeys share.</summary>
public static class ComposerSteps
{
    /// <summary>The context a case needs, as a coach in a software scale-up of 201 to 1,000 people.</summary>
    public static async Task ChooseContextAsync(this IPage page)
    {
        await page.SelectOptionAsync("#Input_SizeBand", "From201To1000");
        await page.SelectOptionAsync("#Input_Sector", "Software");
        await page.SelectOptionAsync("#Input_Stage", "ScaleUp");
        await page.SelectOptionAsync("#Input_AuthorRole", "Coach");
    }
}
