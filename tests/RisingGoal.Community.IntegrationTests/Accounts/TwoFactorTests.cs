using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// Two-factor sign-in (issue 13, item 6) through the real login pages and cookie: staff must turn it on and sign in
/// with it before any staff page or action; roles are re-read from the database at each request (item 3).
/// </summary>
public sealed class TwoFactorTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_moderator_without_two_factor_is_sent_to_set_it_up_before_any_staff_action_and_may_act_once_it_is_on()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo sans code").WithRole(Roles.Moderator));
        var client = factory.CreateFormClient("en");
        Assert.Equal("/", (await client.LoginAsync(moderator.Email!, MemberBuilder.Password)).Headers.Location?.OriginalString);

        var queue = await client.Http.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Equal("/account/two-factor?returnUrl=%2Fmoderation", queue.Headers.Location?.OriginalString);
        var admin = await client.Http.GetAsync("/admin/digests");
        Assert.StartsWith("/account/two-factor", admin.Headers.Location?.OriginalString);
        var action = await client.PostWithTokenAsync("/account", "/moderation?handler=Hide",
            new Dictionary<string, string> { ["Input.Kind"] = "Case", ["Input.Id"] = "1", ["Input.Version"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, action.StatusCode);
        Assert.StartsWith("/account/two-factor", action.Headers.Location?.OriginalString);

        var codes = await TurnOnTwoFactorAsync(client);
        Assert.Equal(TwoFactorModel.RecoveryCodeCount, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/admin/digests")).StatusCode);
    }

    [Fact]
    public async Task The_setup_page_draws_the_qr_code_as_inline_svg_under_the_strict_policy()
    {
        var member = await factory.Seed(A.Member().Named("Membre QR"));
        var client = await SignedInAsync(member);
        var response = await client.Http.GetAsync("/account/two-factor");
        var html = await response.Content.ReadAsStringAsync();
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
        var svg = main[main.IndexOf("<svg", StringComparison.Ordinal)..(main.IndexOf("</svg>", StringComparison.Ordinal) + 6)];
        Assert.Contains("<rect", svg);
        Assert.DoesNotContain("style=", svg);   // inline styles would be blocked by style-src 'self'
        Assert.DoesNotContain("data:", main);
        Assert.DoesNotContain("<script", main);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.Contains("script-src 'self'", policy);
    }

    [Fact]
    public async Task A_moderator_whose_role_is_removed_in_the_database_gets_403_at_the_next_request()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo révoqué").WithRole(Roles.Moderator));
        var client = await SignedInAsync(moderator);
        await TurnOnTwoFactorAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/moderation")).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            Assert.True((await users.RemoveFromRoleAsync((await users.FindByIdAsync(moderator.Id))!, Roles.Moderator)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostWithTokenAsync("/account", "/moderation?handler=Hide",
            new Dictionary<string, string> { ["Input.Kind"] = "Case", ["Input.Id"] = "1", ["Input.Version"] = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/admin/digests")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_asks_for_the_app_code_and_a_recovery_code_works_once()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo à deux clés").WithRole(Roles.Moderator));
        var first = await SignedInAsync(moderator);
        var key = await SetupKeyAsync(first);
        var codes = await EnableAsync(first, key);

        // Password alone: on to the second step, not signed in yet.
        var client = factory.CreateFormClient("en");
        var login = await client.LoginAsync(moderator.Email!, MemberBuilder.Password, "/account/login?returnUrl=%2Fmoderation");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var second = login.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login/two-factor", second);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/moderation")).StatusCode);

        var wrong = await client.SubmitAsync(second, new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Equal("This code is not valid.", (await wrong.HtmlAsync()).FieldError("Input.Code"));
        var right = await client.SubmitAsync(second, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal("/moderation", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/moderation")).StatusCode);

        var withRecovery = factory.CreateFormClient("en");
        await withRecovery.LoginAsync(moderator.Email!, MemberBuilder.Password);
        var used = await withRecovery.SubmitAsync("/account/login/recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal("/", used.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await withRecovery.Http.GetAsync("/moderation")).StatusCode);

        var again = factory.CreateFormClient("en");
        await again.LoginAsync(moderator.Email!, MemberBuilder.Password);
        var reused = await again.SubmitAsync("/account/login/recovery-code", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Equal("This code is not valid.", (await reused.HtmlAsync()).FieldError("Input.Code"));
    }

    [Fact]
    public async Task Turning_two_factor_off_ends_staff_powers_for_the_session()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo qui désactive").WithRole(Roles.Moderator));
        var client = await SignedInAsync(moderator);
        await TurnOnTwoFactorAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/moderation")).StatusCode);

        // An open session is not enough: turning it off asks for the password.
        var withoutPassword = await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Off.Password"] = "pas le mien 12" }, "form[action*='handler=Disable']");
        Assert.Equal(HttpStatusCode.OK, withoutPassword.StatusCode);
        Assert.NotEmpty((await withoutPassword.HtmlAsync()).FieldError("Off.Password"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/moderation")).StatusCode);

        await client.SubmitAsync("/account/two-factor", new Dictionary<string, string> { ["Off.Password"] = MemberBuilder.Password }, "form[action*='handler=Disable']");
        Assert.StartsWith("/account/two-factor", (await client.Http.GetAsync("/moderation")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_reveal_is_refused_to_a_moderator_who_did_not_sign_in_with_the_second_factor()
    {
        var author = await factory.Seed(A.Member().Named("Auteur Caché Deux"));
        var moderator = await factory.Seed(A.Member().Named("Modo sans MFA").WithRole(Roles.Moderator));
        var @case = await factory.Seed(A.Case().By(author).Titled("Cas sous pseudonyme").UnderPseudonym("Plume Grise").Pending());
        var client = await factory.SignedInAs(moderator);
        var form = (await client.GetDocumentAsync("/moderation")).QuerySelector($"#item-case-{@case.Id} form.reveal")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.RevealReason"] = "Menace de poursuites";

        await client.SignInAsync(moderator, secondFactor: false);   // the same moderator, after a password-only sign-in
        var refused = await client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("Auteur Caché Deux", await refused.Content.ReadAsStringAsync());
        Assert.False(await factory.Query(db => db.Set<ModerationLogEntry>().AnyAsync(e => e.Action == ModerationAction.RevealIdentity && e.CaseId == @case.Id)));
    }

    private async Task<FormClient> SignedInAsync(Member member)
    {
        var client = factory.CreateFormClient("en");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(member.Email!, MemberBuilder.Password)).StatusCode);
        return client;
    }

    private static async Task<IReadOnlyList<string>> TurnOnTwoFactorAsync(FormClient client) =>
        await EnableAsync(client, await SetupKeyAsync(client));

    private static async Task<string> SetupKeyAsync(FormClient client) =>
        (await client.GetDocumentAsync("/account/two-factor")).QuerySelector("#shared-key")!.GetAttribute("data-key")!;

    private static async Task<IReadOnlyList<string>> EnableAsync(FormClient client, string key)
    {
        var response = await client.SubmitAsync("/account/two-factor",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "form[action*='handler=Enable']");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.HtmlAsync()).QuerySelectorAll("main li code").Select(c => c.TextContent.Trim()).ToList();
    }
}
