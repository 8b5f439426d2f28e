using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

public sealed class RegistrationTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Register_confirm_by_mail_then_log_in_and_see_the_account_page()
    {
        var client = factory.CreateFormClient("fr");
        var register = await client.RegisterAsync("claire@example.org", "Claire D.");
        Assert.Equal(HttpStatusCode.Redirect, register.StatusCode);

        // Not confirmed yet: logging in is refused with a clear message and a way to get the link again.
        var early = await (await client.LoginAsync("claire@example.org")).HtmlAsync();
        Assert.Contains("Confirmez d’abord votre adresse e-mail", early.Summary());
        Assert.NotNull(early.QuerySelector("a[href='/account/confirm/resend']"));

        var mail = Assert.Single(factory.Mail.To("claire@example.org"));
        Assert.Equal("Confirmez votre adresse e-mail pour Rising Goal Community", mail.Subject);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/plain");
        Assert.Contains(alternative, p => p.ContentType.MimeType == "text/html");
        Assert.Contains("Bonjour,", mail.TextBody);
        Assert.DoesNotContain("Claire D.", mail.TextBody + mail.To);   // nothing chosen by the requester goes to an unconfirmed address
        Assert.StartsWith("http://localhost/account/confirm?userId=", MailFolder.LinkIn(mail, "/account/confirm?"));

        // The link confirms the address and signs the member in, once: opened again, it only says it is confirmed.
        var confirm = await client.OpenMailLinkAsync(factory, "claire@example.org", "/account/confirm?");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/account", confirm.Headers.Location?.OriginalString);
        Assert.Contains("Connecté en tant que Claire D.", await client.TextAsync("/account"));
        var stranger = factory.CreateFormClient("fr");
        var again = await stranger.OpenMailLinkAsync(factory, "claire@example.org", "/account/confirm?");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Adresse confirmée", await again.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.Http.GetAsync("/account")).StatusCode);   // not signed in by a used link

        var login = await client.SubmitAsync("/account/login?returnUrl=%2Faccount",
            new Dictionary<string, string> { ["Input.Email"] = "claire@example.org", ["Input.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/account", login.Headers.Location?.OriginalString);

        var account = await client.TextAsync("/account");
        Assert.Contains("Connecté en tant que Claire D.", account);
        Assert.Contains("claire@example.org", account);

        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByEmailAsync("claire@example.org");
        Assert.True(await users.IsInRoleAsync(member!, Roles.Member));
    }

    [Fact]
    public async Task An_english_member_gets_the_confirmation_mail_in_english()
    {
        var client = factory.CreateFormClient("fr");
        await client.RegisterAsync("dev@example.org", "Dev Lead", culture: "en");

        var mail = Assert.Single(factory.Mail.To("dev@example.org"));
        Assert.Equal("Confirm your e-mail address for Rising Goal Community", mail.Subject);
        Assert.Contains("Hello,", mail.TextBody);
        Assert.Contains("Confirm my address", mail.HtmlBody);
    }

    [Fact]
    public async Task Preferred_language_defaults_to_the_page_language()
    {
        var en = await factory.CreateFormClient("en").GetDocumentAsync("/account/register");
        var fr = await factory.CreateFormClient("fr").GetDocumentAsync("/account/register");
        Assert.Equal("en", en.QuerySelector("select[name='Input.PreferredCulture'] option[selected]")?.GetAttribute("value"));
        Assert.Equal("fr", fr.QuerySelector("select[name='Input.PreferredCulture'] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Bad_input_gives_localised_messages_at_each_field_and_creates_nothing()
    {
        var client = factory.CreateFormClient("fr");

        var empty = await client.RegisterAsync("", "", password: "", confirm: "");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var doc = await empty.HtmlAsync();
        Assert.Equal("Saisissez votre adresse e-mail.", doc.FieldError("Input.Email"));
        Assert.Equal("Choisissez un nom affiché.", doc.FieldError("Input.DisplayName"));
        Assert.Equal("Choisissez un mot de passe.", doc.FieldError("Input.Password"));

        doc = await (await client.RegisterAsync("not-an-address", "X", confirm: "something else")).HtmlAsync();
        Assert.Equal("Saisissez une adresse e-mail valide, comme nom@exemple.org.", doc.FieldError("Input.Email"));
        Assert.Equal("Le nom affiché doit compter entre 2 et 40 caractères.", doc.FieldError("Input.DisplayName"));
        Assert.Equal("Les deux mots de passe ne correspondent pas.", doc.FieldError("Input.ConfirmPassword"));
        Assert.Equal("not-an-address", doc.QuerySelector("input[name='Input.Email']")?.GetAttribute("value"));

        doc = await (await client.RegisterAsync("weak@example.org", "Weak", password: "short")).HtmlAsync();
        Assert.Equal("Le mot de passe doit compter au moins 10 caractères.", doc.FieldError("Input.Password"));
        doc = await (await client.RegisterAsync("weak@example.org", "Weak", password: "onlyletters")).HtmlAsync();
        Assert.Equal("Le mot de passe doit contenir au moins un chiffre (0-9).", doc.FieldError("Input.Password"));

        var tooLong = await (await client.RegisterAsync("long@example.org", new string('n', 41))).HtmlAsync();
        Assert.Equal("Le nom affiché doit compter entre 2 et 40 caractères.", tooLong.FieldError("Input.DisplayName"));

        Assert.Empty(factory.Mail.To("weak@example.org"));
        Assert.Empty(factory.Mail.To("long@example.org"));
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        Assert.Null(await users.FindByEmailAsync("weak@example.org"));
        Assert.Null(await users.FindByEmailAsync("long@example.org"));
    }

    [Fact]
    public async Task A_taken_address_answers_like_a_new_one_and_a_taken_display_name_is_refused_at_its_field()
    {
        var client = factory.CreateFormClient("en");
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync("taken@example.org", "Taken Name")).StatusCode);

        // The address's owner is told by mail instead (see MailAbuseTests); the page says what it says to a new address.
        var sameEmail = await client.RegisterAsync("TAKEN@example.org", "Other Name");
        Assert.Equal(HttpStatusCode.Redirect, sameEmail.StatusCode);
        Assert.Equal("/account/login", sameEmail.Headers.Location?.OriginalString);

        var sameName = await client.RegisterAsync("other@example.org", "  taken   NAME ");
        Assert.Equal(HttpStatusCode.OK, sameName.StatusCode);
        Assert.Equal("This display name is already taken. Please choose another one.", (await sameName.HtmlAsync()).FieldError("Input.DisplayName"));

        var reserved = await client.RegisterAsync("other@example.org", "Former Member");
        Assert.Equal("This display name is reserved. Please choose another one.", (await reserved.HtmlAsync()).FieldError("Input.DisplayName"));

        Assert.Equal(2, factory.Mail.To("taken@example.org").Count);   // its confirmation, then the link again (not confirmed yet)
        Assert.Empty(factory.Mail.To("other@example.org"));
    }

    [Fact]
    public async Task A_bot_filling_the_honeypot_gets_the_normal_answer_but_no_account()
    {
        var page = await factory.CreateFormClient("fr").GetDocumentAsync("/account/register");
        Assert.NotNull(page.QuerySelector(".honeypot input[name='Input.Website']"));

        var client = factory.CreateFormClient("fr");
        var response = await client.RegisterAsync("bot@example.org", "Spam Bot", website: "http://spam.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        Assert.Empty(factory.Mail.To("bot@example.org"));
        using var scope = factory.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("bot@example.org"));
    }

    [Fact]
    public async Task Resend_gives_a_new_link_that_confirms_the_account()
    {
        var client = factory.CreateFormClient("fr");
        await client.RegisterAsync("lost@example.org", "Lost Link");
        var resend = await client.SubmitAsync("/account/confirm/resend", new Dictionary<string, string> { ["Input.Email"] = "lost@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Equal(2, factory.Mail.To("lost@example.org").Count);

        var confirm = await client.OpenMailLinkAsync(factory, "lost@example.org", "/account/confirm?");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync("lost@example.org")).StatusCode);
    }

    [Fact]
    public async Task A_forged_confirmation_link_confirms_nothing()
    {
        // A real, unconfirmed account: the forged link names it and carries a well-formed code that is not its token.
        var client = factory.CreateFormClient("en");
        await client.RegisterAsync("forged-link@example.org", "Forged Link");
        var realLink = new Uri(MailFolder.LinkIn(Assert.Single(factory.Mail.To("forged-link@example.org")), "/account/confirm?"));
        var userId = QueryHelpers.ParseQuery(realLink.Query)["userId"].ToString();
        var forgedCode = WebEncoders.Base64UrlEncode("CfDJ8 not the token"u8.ToArray());

        var html = await client.TextAsync($"/account/confirm?userId={Uri.EscapeDataString(userId)}&code={forgedCode}");

        Assert.Contains("This link does not work", html);
        using (var scope = factory.Services.CreateScope())
        {
            var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByIdAsync(userId);
            Assert.False(member!.EmailConfirmed);
        }
        Assert.Contains("confirm your e-mail address first", (await (await client.LoginAsync("forged-link@example.org")).HtmlAsync()).Summary(),
            StringComparison.OrdinalIgnoreCase);
        // The account was fine all along: its own link confirms it.
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync(realLink.PathAndQuery)).StatusCode);
        Assert.Contains("Address confirmed", await client.TextAsync(realLink.PathAndQuery));   // used: no second sign-in
    }
}
