using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// "Sign out everywhere", a password change or reset, a confirmed e-mail change, a suspension and the account's deletion
/// end the member's other sessions at their very next
/// request, reads included, without waiting for the cookie's validation interval (the clock never moves here): each
/// client is one browser of the member, with its own real cookie. One other browser reads first after the change, the
/// other posts a form it showed before.
/// </summary>
public sealed class SessionEndTests(CookieRevalidationAppFactory factory) : IClassFixture<CookieRevalidationAppFactory>
{
    private const string NewPassword = "a brand new passphrase 7";

    /// <summary>One member signed in three times, the other two sessions shown to read what only a signed-in member reads.</summary>
    private sealed record Sessions(Member Member, FormClient Acting, FormClient Reading, FormClient Posting, string MembersOnlyUrl, string ReplyUrl,
        AngleSharp.Html.Dom.IHtmlDocument ReplyPage);

    private const string MembersOnlyBody = "Un récit que seuls les membres connectés lisent.";

    private async Task<Sessions> SessionsAsync()
    {
        var author = await factory.Seed(A.Member());
        var membersOnly = await factory.Seed(A.Case().By(author).Titled("Un cas réservé aux membres pour les sessions")
            .Saying(MembersOnlyBody).Visible(CaseVisibility.MembersOnly));
        var open = await factory.Seed(A.Case().By(author).Titled("Un cas public où répondre entre deux sessions"));
        var member = await factory.Seed(A.Member());
        var acting = await factory.SignedInAs(member);
        var reading = await factory.SignedInAs(member);
        var posting = await factory.SignedInAs(member);

        var sessions = new Sessions(member, acting, reading, posting, CaseUrls.Read(membersOnly.Id, membersOnly.Slug), CaseUrls.Read(open.Id, open.Slug),
            await posting.GetDocumentAsync(CaseUrls.Read(open.Id, open.Slug)));   // the form that browser still shows
        await AssertSignedInAsync(sessions, sessions.Reading);
        await AssertSignedInAsync(sessions, sessions.Posting);
        return sessions;
    }

    private async Task AssertSignedInAsync(Sessions s, FormClient session)
    {
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/notifications")).StatusCode);
        Assert.Contains(MembersOnlyBody, await session.TextAsync(s.MembersOnlyUrl));
    }

    /// <summary>The other sessions' next requests: a read (then another), and a form shown before (then reads).</summary>
    private async Task AssertOthersSignedOutAsync(Sessions s)
    {
        var reply = await s.Posting.SubmitAsync(s.ReplyPage, s.ReplyUrl, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse d’une session close." },
            "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);                           // to sign in, not an antiforgery 400
        Assert.Equal("/account/login", reply.Headers.Location!.AbsolutePath, ignoreCase: true);
        Assert.Equal(0, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.AuthorId == s.Member.Id)));

        foreach (var session in new[] { s.Reading, s.Posting })
        {
            var notifications = await session.Http.GetAsync("/notifications");
            Assert.Equal(HttpStatusCode.Redirect, notifications.StatusCode);
            Assert.Equal("/account/login", notifications.Headers.Location!.AbsolutePath, ignoreCase: true);
            Assert.DoesNotContain(MembersOnlyBody, await (await session.Http.GetAsync(s.MembersOnlyUrl)).Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_session_at_once_and_keeps_this_one()
    {
        var s = await SessionsAsync();

        var done = await s.Acting.SubmitAsync("/account/sign-out-everywhere", new Dictionary<string, string>(), "main form.stacked");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Contains("Vos autres sessions sont déconnectées.", await s.Acting.TextAsync(done.Headers.Location!.OriginalString));
        await AssertOthersSignedOutAsync(s);
        await AssertSignedInAsync(s, s.Acting);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_session_at_once_and_keeps_the_one_that_changed_it()
    {
        var s = await SessionsAsync();

        var changed = await s.Acting.SubmitAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = MemberBuilder.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        }, "main form.stacked");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await AssertOthersSignedOutAsync(s);
        await AssertSignedInAsync(s, s.Acting);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_at_once()
    {
        var s = await SessionsAsync();
        var visitor = factory.CreateFormClient("en");
        Assert.Equal(HttpStatusCode.Redirect,
            (await visitor.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = s.Member.Email! })).StatusCode);
        var link = MailFolder.LinkIn(factory.Mail.To(s.Member.Email!).Last(), "/account/reset-password?code=");

        var reset = await visitor.SubmitAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Input.Email"] = s.Member.Email!, ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        await AssertOthersSignedOutAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Acting.Http.GetAsync("/notifications")).StatusCode);
    }

    [Fact]
    public async Task A_confirmed_e_mail_change_ends_the_other_sessions_and_keeps_the_one_that_confirmed_it()
    {
        var s = await SessionsAsync();
        var newEmail = $"nouvelle.{Guid.NewGuid():N}@example.org";
        var asked = await s.Acting.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail, ["Input.Password"] = MemberBuilder.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        await AssertSignedInAsync(s, s.Reading);                                        // asking changes nothing yet

        var confirmed = await s.Acting.OpenMailLinkAsync(factory, newEmail, "/account/confirm-email-change?");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await AssertOthersSignedOutAsync(s);
        await AssertSignedInAsync(s, s.Acting);
    }

    [Fact]
    public async Task Deleting_the_account_ends_its_other_sessions_at_once()
    {
        var s = await SessionsAsync();

        var deleted = await s.Acting.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await AssertOthersSignedOutAsync(s);
    }

    [Fact]
    public async Task A_suspension_ends_every_session_of_the_member_at_once()
    {
        var s = await SessionsAsync();
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modératrice des sessions").WithRole(Roles.Moderator)));

        var suspended = await moderator.SubmitAsync($"/moderation/members/{s.Member.Id}",
            new Dictionary<string, string> { ["Input.Days"] = "7", ["Input.Reason"] = "Propos injurieux" }, "form.suspend");

        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        await AssertOthersSignedOutAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Acting.Http.GetAsync("/notifications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.GetAsync("/moderation")).StatusCode);   // only theirs
    }

    [Fact]
    public async Task A_moderator_whose_role_is_removed_is_signed_out_at_once()
    {
        var moderator = await factory.Seed(A.Member().Named("Modérateur Retiré").WithRole(Roles.Moderator));
        var session = await factory.SignedInAs(moderator);
        var admin = await factory.SignedInAs(await factory.Seed(A.Member().Named("Administratrice Sessions").WithRole(Roles.Administrator)));
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/moderation")).StatusCode);

        var revoked = await admin.SubmitAsync("/admin/moderators", new Dictionary<string, string>(), "form[action*='handler=Revoke']");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var after = await session.Http.GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath, ignoreCase: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/moderators")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_is_limited_per_member_and_keeps_the_session_each_time()
    {
        var client = await factory.SignedInAs(await factory.Seed(A.Member()));
        Task<HttpResponseMessage> SignOutOthersAsync() => client.SubmitAsync("/account/sign-out-everywhere", new Dictionary<string, string>(), "main form.stacked");

        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Redirect, (await SignOutOthersAsync()).StatusCode);   // RateLimits' default: 5 an hour

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignOutOthersAsync()).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_is_refused_without_the_antiforgery_token()
    {
        var s = await SessionsAsync();

        var forged = await s.Acting.Http.PostAsync("/account/sign-out-everywhere", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await AssertSignedInAsync(s, s.Reading);
    }
}
