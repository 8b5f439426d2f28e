using Microsoft.Playwright;
using RisingGoal.Community.BrowserTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Journeys;

public sealed class AccountJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_registers_in_french_confirms_by_mail_logs_in_and_switches_the_account_to_english()
    {
        const string email = "journey@example.org";
        const string password = "une longue phrase 2030";
        var page = await fixture.NewPageAsync("fr-FR");

        await page.GotoAsync("/account/register");
        Assert.Equal("Rejoindre la communauté", await page.InnerTextAsync("h1"));
        await page.AssertAccessibleAsync();
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_DisplayName", "Camille Parcours");
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", password);
        await page.ClickAsync("main button[type=submit]");

        await page.ArriveAsync("**/account/login");
        Assert.Contains("Presque fini", await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();

        var mail = Assert.Single(fixture.App.Mail.To(email));
        Assert.Equal("Confirmez votre adresse e-mail pour Rising Goal Community", mail.Subject);
        var link = new Uri(MailFolder.LinkIn(mail, "/account/confirm?"));
        // The link confirms the address and signs the member in (once); logging out and in again still works.
        await page.GotoAsync(link.PathAndQuery);
        await page.ArriveAsync("**/account");
        Assert.Contains("Connecté en tant que Camille Parcours", await page.InnerTextAsync("main"));
        await page.ClickAsync("header form[action='/account/logout'] button[type=submit]");
        await page.WaitForSelectorAsync("header a[href='/account/login']");
        await page.GotoAsync(link.PathAndQuery);
        Assert.Equal("Adresse confirmée", await page.InnerTextAsync("h1"));
        await page.AssertAccessibleAsync();

        await page.ClickAsync("main a[href='/account/login']");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main button[type=submit]");
        // The commit and the footer, not the "load" event: CI lost it here once (60 s after "networkidle"), as in
        // FirstCaseJourneyTests and ReplyPagingJourneyTests without JavaScript (Arrival).
        await page.ArriveAsync(url => new Uri(url).AbsolutePath == "/");
        await page.ClickAsync("header a[href='/account']");

        await page.ArriveAsync("**/account");
        Assert.Equal("Mon compte", await page.InnerTextAsync("h1"));
        Assert.Contains("Connecté en tant que Camille Parcours", await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();

        await page.SelectOptionAsync("#language", "en");
        await page.ClickAsync("form[action='/account/language'] button[type=submit]");
        await page.WaitForSelectorAsync("h1:text('My account')");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Signed in as Camille Parcours", await page.InnerTextAsync("main"));
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Every_account_form_is_accessible_with_and_without_error_messages()
    {
        var page = await fixture.NewPageAsync("fr-FR");
        foreach (var url in new[] { "/account/register", "/account/login", "/account/forgot-password", "/account/confirm/resend" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForSelectorAsync(".field-validation-error:not(:empty)");
            await page.AssertAccessibleAsync();
        }
        foreach (var url in new[] { "/account/reset-password?code=abc", "/account/access-denied", "/account/confirm?userId=x&code=y" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }

        await RegisterAndLogInAsync(page, "forms@example.org", "Formulaires");
        foreach (var url in new[] { "/account/display-name", "/account/password", "/account/email", "/account/delete" })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
            await page.FillAsync("main input[type=password], main input[name='Input.DisplayName']", "");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForSelectorAsync(".field-validation-error:not(:empty)");
            await page.AssertAccessibleAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_account_s_link_lists_line_up_with_their_card_s_heading()
    {
        // people14: bullets and a 40 px indent inside a card broke "Me déconnecter de mes autres sessions" in two.
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "fr-FR", ViewportSize = new() { Width = 390, Height = 900 } });
        context.SetDefaultTimeout(BrowserFixture.Patience);
        var page = await context.NewPageAsync();
        await RegisterAndLogInAsync(page, "liens@example.org", "Liens du compte");
        foreach (var card in await page.Locator("section:has(> ul.account-links)").AllAsync())
        {
            var heading = (await card.Locator("h2").BoundingBoxAsync())!;
            foreach (var link in await card.Locator("ul.account-links a").AllAsync())
                Assert.InRange((await link.BoundingBoxAsync())!.X - heading.X, -1, 1);
        }
        Assert.Equal(2, await page.Locator("section:has(> ul.account-links)").CountAsync());
        Assert.Equal("none", await page.Locator("ul.account-links").First.EvaluateAsync<string>("e => getComputedStyle(e).listStyleType"));
        await page.ShotAsync("account-links-fr-390");
    }

    private async Task RegisterAndLogInAsync(IPage page, string email, string displayName)
    {
        const string password = "une autre phrase 2031";
        await page.GotoAsync("/account/register");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_DisplayName", displayName);
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_ConfirmPassword", password);
        await page.ClickAsync("main button[type=submit]");
        await page.ArriveAsync("**/account/login");
        await page.GotoAsync(new Uri(MailFolder.LinkIn(fixture.App.Mail.To(email).Single(), "/account/confirm?")).PathAndQuery);
        await page.GotoAsync("/account/login?returnUrl=%2Faccount");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main button[type=submit]");
        await page.ArriveAsync("**/account");
    }
}
