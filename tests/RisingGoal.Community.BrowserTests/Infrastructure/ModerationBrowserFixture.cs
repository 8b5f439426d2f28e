using Microsoft.Playwright;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>The app with its configured trust rules: a page opened with <see cref="NewPageAsAsync"/> is signed in through the test door.</summary>
public sealed class ModerationBrowserFixture : BrowserFixture<CommunityAppFactory>
{
    /// <summary>A fresh browser context signed in as <paramref name="member"/> (null: a visitor), as after a two-factor sign-in.</summary>
    public async Task<IPage> NewPageAsAsync(Member? member, string locale = "fr-FR", BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.Locale = locale;
        var page = await NewPageAsync(options);
        if (member is not null) await TestDoor.SignInAsync(page, member);
        return page;
    }
}
