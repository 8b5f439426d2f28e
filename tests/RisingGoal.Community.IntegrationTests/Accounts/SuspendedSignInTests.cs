using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// A suspended member has no session (README, "Suspension"): they cannot sign in while suspended (told until when and
/// why, but only once they typed the right password), a session on another instance ends when its cookie is next
/// re-validated, and they sign in again once the suspension is lifted or over. Caching on, as in production.
/// </summary>
public sealed class SuspendedSignInTests(CookieRevalidationAppFactory factory) : IClassFixture<CookieRevalidationAppFactory>
{
    private const string Reason = "Chiffres confidentiels publiés";

    private async Task<(Member Member, FormClient Moderator)> SuspendedAsync()
    {
        var member = await factory.Seed(A.Member());
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));
        var suspended = await moderator.SubmitAsync($"/moderation/members/{member.Id}",
            new Dictionary<string, string> { ["Input.Days"] = "7", ["Input.Reason"] = Reason }, "form.suspend");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        return (member, moderator);
    }

    private static bool SetsSessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rg.auth=", StringComparison.Ordinal));

    [Fact]
    public async Task A_suspended_member_with_the_right_password_is_told_until_when_and_why_and_gets_no_session()
    {
        var (member, _) = await SuspendedAsync();

        var french = await factory.CreateFormClient("fr").LoginAsync(member.Email!, MemberBuilder.Password);
        var english = await factory.CreateFormClient("en").LoginAsync(member.Email!, MemberBuilder.Password);

        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.False(SetsSessionCookie(french));
        var summary = (await french.HtmlAsync()).Summary();
        Assert.StartsWith("Votre compte est suspendu jusqu’au", summary);
        Assert.Contains("vous ne pouvez pas vous connecter d’ici là. Motif\u00a0: " + Reason, summary);
        Assert.StartsWith("Your account is suspended until", (await english.HtmlAsync()).Summary());
        Assert.False(SetsSessionCookie(english));
    }

    [Fact]
    public async Task A_wrong_password_learns_nothing_of_the_suspension()
    {
        var (member, _) = await SuspendedAsync();

        var wrong = await factory.CreateFormClient("fr").LoginAsync(member.Email!, "not the password 9");

        Assert.Equal("Adresse e-mail ou mot de passe incorrect.", (await wrong.HtmlAsync()).Summary());
        Assert.DoesNotContain(Reason, await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Once_the_suspension_is_lifted_the_member_signs_in_again()
    {
        var (member, moderator) = await SuspendedAsync();

        var lifted = await moderator.SubmitAsync($"/moderation/members/{member.Id}", new Dictionary<string, string>(), "form.lift");
        var login = await factory.CreateFormClient().LoginAsync(member.Email!, MemberBuilder.Password);

        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.True(SetsSessionCookie(login));
    }

    [Fact]
    public async Task Confirming_the_address_signs_in_no_member_suspended_before_confirming()
    {
        var client = factory.CreateFormClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync("suspendu.avant@example.org", "Suspendu avant confirmation")).StatusCode);
        await factory.Query(async db =>
        {
            var member = await db.Users.SingleAsync(m => m.Email == "suspendu.avant@example.org");
            db.Add(Suspension.Start(member.Id, member.Id, TimeSpan.FromDays(7), Reason, factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        var confirmed = await client.OpenMailLinkAsync(factory, "suspendu.avant@example.org", "/account/confirm?");

        Assert.False(SetsSessionCookie(confirmed));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_session_on_another_instance_ends_when_its_cookie_is_next_checked()
    {
        var author = await factory.Seed(A.Member());
        var membersOnly = await factory.Seed(A.Case().By(author).Titled("Un cas réservé aux membres pendant une suspension")
            .Saying("Un récit que les membres suspendus ne lisent plus.").Visible(CaseVisibility.MembersOnly));
        var member = await factory.Seed(A.Member());
        var client = await factory.SignedInAs(member);
        // Written straight to the database, as a moderator on another instance would: this one's stamps do not know it.
        await factory.Query(async db =>
        {
            db.Add(Suspension.Start(member.Id, author.Id, TimeSpan.FromDays(7), Reason, factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var interval = factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;

        factory.Clock.Advance(interval + TimeSpan.FromSeconds(1));
        var after = await client.Http.GetAsync("/notifications");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath, ignoreCase: true);
        Assert.DoesNotContain("ne lisent plus", await (await client.Http.GetAsync(CaseUrls.Read(membersOnly.Id, membersOnly.Slug))).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_that_outlived_the_suspension_is_not_renewed_by_confirming_an_e_mail_change_asked_before_it()
    {
        var member = await factory.Seed(A.Member());
        var newEmail = $"nouvelle.{Guid.NewGuid():N}@example.org";
        var client = await factory.SignedInAs(member);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail, ["Input.Password"] = MemberBuilder.Password,
        })).StatusCode);
        // Suspended on another instance: this one's stamps do not know it, and the cookie is not due for a check yet.
        await factory.Query(async db =>
        {
            db.Add(Suspension.Start(member.Id, member.Id, TimeSpan.FromDays(7), Reason, factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        var confirmed = await client.OpenMailLinkAsync(factory, newEmail, "/account/confirm-email-change?");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);   // the address is the member's: the change applies
        Assert.False(SetsSessionCookie(confirmed));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/notifications")).StatusCode);   // and the session is over
    }

    [Fact]
    public async Task A_session_that_outlived_the_suspension_is_not_renewed_by_turning_the_second_factor_on()
    {
        var member = await factory.Seed(A.Member());
        var client = await factory.SignedInAs(member);
        var key = (await client.GetDocumentAsync("/account/two-factor")).QuerySelector("#shared-key")!.GetAttribute("data-key")!;
        // Suspended on another instance: this one's stamps do not know it, and the cookie is not due for a check yet.
        await factory.Query(async db =>
        {
            db.Add(Suspension.Start(member.Id, member.Id, TimeSpan.FromDays(7), Reason, factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

        // Turning it on signs the member in again with the second factor (SignInWithClaimsAsync, not the refresh).
        var on = await client.SubmitAsync("/account/two-factor",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "form[action*='handler=Enable']");
        Assert.False(SetsSessionCookie(on));
        // The new stamp ends the old cookie at once: the session is over (turning it off signs in again the same way).
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/notifications")).StatusCode);
    }
}
