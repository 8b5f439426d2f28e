using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

public sealed class AccountPageTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Changing_the_email_applies_only_once_the_new_address_is_confirmed()
    {
        var client = await factory.SignedInMemberAsync("old@example.org", "Mover", "en");

        var request = await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "new@example.org", ["Input.Password"] = AccountSteps.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        Assert.Equal("Confirm your new e-mail address for Rising Goal Community", Assert.Single(factory.Mail.To("new@example.org")).Subject);

        // Not applied yet: the old address still logs in, the new one does not.
        Assert.Contains("old@example.org", await client.TextAsync("/account"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateFormClient().LoginAsync("new@example.org")).StatusCode);

        var confirm = await client.OpenMailLinkAsync(factory, "new@example.org", "/account/confirm-email-change?");
        Assert.Contains("Address changed", await confirm.TextAsync());

        Assert.Contains("new@example.org", await client.TextAsync("/account"));
        var notice = Assert.Single(factory.Mail.To("old@example.org"), m => m.Subject == "Your Rising Goal Community e-mail address has changed");
        Assert.Contains("now uses another address", notice.TextBody);
        Assert.DoesNotContain("new@example.org", notice.TextBody);   // the old mailbox may no longer be the member's
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateFormClient().LoginAsync("new@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateFormClient().LoginAsync("old@example.org")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_email_needs_the_password_and_a_free_address()
    {
        await factory.SignedInMemberAsync("occupied@example.org", "Occupant");
        var client = await factory.SignedInMemberAsync("wants@example.org", "Wanter");

        var wrongPassword = await (await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "free@example.org", ["Input.Password"] = "not my password 1",
        })).HtmlAsync();
        Assert.Equal("Mot de passe incorrect.", wrongPassword.FieldError("Input.Password"));

        var taken = await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "occupied@example.org", ["Input.Password"] = AccountSteps.Password,
        });
        // The same answer as for a free address (the page does not tell who is a member); only the owner is told.
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Contains("Nous avons envoyé un lien de confirmation à occupied@example.org", await client.TextAsync("/account"));
        var notice = Assert.Single(factory.Mail.To("occupied@example.org"), m => m.Subject == "Quelqu’un a essayé d’utiliser votre adresse pour un autre compte");
        Assert.DoesNotContain("Wanter", notice.TextBody);
        Assert.DoesNotContain("confirm-email-change", notice.TextBody);
        Assert.Empty(factory.Mail.To("free@example.org"));
        Assert.Contains("wants@example.org", await client.TextAsync("/account"));
    }

    [Fact]
    public async Task A_display_name_may_not_pass_for_a_pseudonym_in_use_whatever_its_case_or_accents()
    {
        var author = await factory.Seed(A.Member().Named("Autrice Masquée"));
        await factory.Seed(A.Case().By(author).Titled("Un cas signé d’un pseudonyme").UnderPseudonym("Héron Cendré"));
        var client = await factory.SignedInMemberAsync("lookalike@example.org", "Sosie");

        var refused = await client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = "HERON cendre" });
        Assert.Equal("Ce nom affiché est déjà pris. Veuillez en choisir un autre.", (await refused.HtmlAsync()).FieldError("Input.DisplayName"));
        var registered = await factory.CreateFormClient().SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Héron Cendré", ["Input.Email"] = "another@example.org",
            ["Input.Password"] = AccountSteps.Password, ["Input.ConfirmPassword"] = AccountSteps.Password,
        });
        Assert.Equal("Ce nom affiché est déjà pris. Veuillez en choisir un autre.", (await registered.HtmlAsync()).FieldError("Input.DisplayName"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = "Héron Bleu" })).StatusCode);
    }

    [Fact]
    public async Task Display_name_password_and_language_can_be_changed()
    {
        await factory.SignedInMemberAsync("first@example.org", "First One");
        var client = await factory.SignedInMemberAsync("changer@example.org", "Changer");

        var duplicate = await client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = "FIRST ONE" });
        Assert.Equal("Ce nom affiché est déjà pris. Veuillez en choisir un autre.", (await duplicate.HtmlAsync()).FieldError("Input.DisplayName"));
        var renamed = await client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = "Changed Name" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Connecté en tant que Changed Name", await client.TextAsync("/account"));

        var weak = await client.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AccountSteps.Password, ["Input.NewPassword"] = "abcdefghijk", ["Input.ConfirmPassword"] = "abcdefghijk",
        });
        Assert.Contains("au moins un chiffre", (await weak.HtmlAsync()).FieldError("Input.NewPassword"));
        var changed = await client.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = AccountSteps.Password, ["Input.NewPassword"] = "another fine phrase 8", ["Input.ConfirmPassword"] = "another fine phrase 8",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateFormClient().LoginAsync("changer@example.org", "another fine phrase 8")).StatusCode);

        var language = await client.SubmitAsync("/account", new Dictionary<string, string> { ["Input.Culture"] = "en" }, "form[action='/account/language']");
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Contains("Signed in as Changed Name", await client.TextAsync("/account"));
        using var scope = factory.Services.CreateScope();
        var member = await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("changer@example.org");
        Assert.Equal("en", member!.PreferredCulture);
    }

    [Fact]
    public async Task Export_is_a_json_attachment_with_the_account_data()
    {
        var client = await factory.SignedInMemberAsync("exporter@example.org", "Exporter");
        var response = await client.Http.GetAsync("/account/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var account = json.RootElement.GetProperty("account");
        Assert.Equal("exporter@example.org", account.GetProperty("email").GetString());
        Assert.Equal("Exporter", account.GetProperty("displayName").GetString());
        Assert.Contains("Member", account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_then_removes_the_member()
    {
        var client = await factory.SignedInMemberAsync("leaver@example.org", "Leaver");

        var wrong = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = "wrong password 00" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Mot de passe incorrect.", (await wrong.HtmlAsync()).FieldError("Input.Password"));

        var delete = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = AccountSteps.Password });
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/account")).StatusCode);

        using var scope = factory.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync("leaver@example.org"));
        var login = await factory.CreateFormClient().LoginAsync("leaver@example.org");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", (await login.HtmlAsync()).Summary());
    }
}
