using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

/// <summary>Issue 13, item 6: a moderator turns on two-factor sign-in with an authenticator app, then signs in with it.</summary>
public sealed class TwoFactorJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_moderator_is_asked_to_set_up_an_authenticator_app_then_signs_in_with_its_code()
    {
        var moderator = await fixture.App.Seed(A.Member().Named("Modo Navigateur").WithRole(Roles.Moderator));
        var page = await fixture.NewPageAsync("fr-FR");
        await LogInAsync(page, moderator.Email!);
        await page.ArriveAsync(url => new Uri(url).AbsolutePath == "/");

        // Staff pages wait for the second factor: the moderation link leads to the set-up page.
        await page.GotoAsync("/moderation");
        await page.ArriveAsync("**/account/two-factor?returnUrl=%2Fmoderation");
        Assert.Equal("Connexion en deux étapes", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("main figure svg").IsVisibleAsync());
        await page.AssertAccessibleAsync();

        // The phone's app: the key shown on the page, the current 30-second code (Identity checks the system clock).
        var key = (await page.InnerTextAsync("#shared-key")).Replace(" ", "");
        await page.FillAsync("#Input_Code", "123");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync(".field-validation-error:not(:empty)");
        await page.AssertAccessibleAsync();
        await page.FillAsync("#Input_Code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("h2:text('Vos codes de secours')");
        Assert.Equal(TwoFactorModel.RecoveryCodeCount, await page.Locator("main li code").CountAsync());
        await page.AssertAccessibleAsync();
        await page.ClickAsync("main a:text('Continuer')");
        await page.ArriveAsync("**/moderation");

        // Next time: password, then the app's code.
        await page.ClickAsync("form[action='/account/logout'] button[type=submit]");
        await page.ArriveAsync(url => new Uri(url).AbsolutePath == "/");
        await LogInAsync(page, moderator.Email!);
        await page.ArriveAsync("**/account/login/two-factor**");
        Assert.Equal("Code de votre application d’authentification", await page.InnerTextAsync("h1"));
        await page.AssertAccessibleAsync();
        await page.FillAsync("#Input_Code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("main button[type=submit]");
        await page.ArriveAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/moderation");
        Assert.Equal("/moderation", new Uri(page.Url).AbsolutePath);
    }

    private static async Task LogInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", MemberBuilder.Password);
        await page.ClickAsync("main button[type=submit]");
    }
}
