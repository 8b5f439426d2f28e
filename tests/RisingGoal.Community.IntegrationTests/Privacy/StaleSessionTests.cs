using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A sign-in cookie is checked against the database only once per validation interval (CookieRevalidation), unless
/// this instance changed the account's security stamp since (KnownSecurityStamps). What a session may still do must
/// not depend on the interval: a session of an account deleted elsewhere is signed out and writes nothing (its forms
/// lead to sign in, not to a 500), and a moderator whose role was removed (even by another instance, stamp unchanged
/// here) has no power left on any POST, even through forms opened while they still had it. The clock never moves
/// here: everything happens inside the interval. The app is <see cref="CookieRevalidationTests"/>' own (members who
/// publish directly, page caches on).
/// </summary>
public sealed class StaleSessionTests(CookieRevalidationAppFactory factory) : IClassFixture<CookieRevalidationAppFactory>
{
    [Fact]
    public async Task A_session_of_an_account_deleted_elsewhere_writes_nothing_and_is_sent_to_sign_in()
    {
        var other = await factory.Seed(A.Member().Named("Autrice Restante"));
        var @case = await factory.Seed(A.Case().By(other).Titled("Un cas lu par une session restée ouverte"));
        var member = await factory.Seed(A.Member().Named("Membre Partie"));
        var leaving = await factory.SignedInAs(member);
        var forgotten = await factory.SignedInAs(member);   // another browser, still signed in
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var page = await forgotten.GetDocumentAsync(url);
        var flagPage = await forgotten.GetDocumentAsync($"/flag/case/{@case.Id}");

        Assert.Equal(HttpStatusCode.Redirect, (await leaving.SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);

        var reply = await forgotten.SubmitAsync(page, url, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse écrite après la suppression du compte." }, "form.reply-form");
        var flag = await forgotten.SubmitAsync(flagPage, $"/flag/case/{@case.Id}", new Dictionary<string, string> { ["Input.Reason"] = nameof(FlagReason.Spam) }, "main form.stacked");
        var resonate = await forgotten.SubmitAsync(page, url, new Dictionary<string, string>(), "form[action*='handler=Resonate']");
        foreach (var response in new[] { reply, flag, resonate })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath, ignoreCase: true);
        }

        var written = await factory.Query(async db => (
            await db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id),
            await db.Set<Flag>().CountAsync(f => f.TargetId == @case.Id),
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ResonanceCount).SingleAsync()));
        Assert.Equal((0, 0, 0), written);
        Assert.DoesNotContain("après la suppression du compte", await factory.CreateFormClient().Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_moderator_removed_since_signing_in_has_no_power_left_even_through_forms_opened_before()
    {
        var author = await factory.Seed(A.Member().Named("Auteur Sous Masque"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas que seul un modérateur peut changer").UnderPseudonym("Une cheffe de projet"));
        var reply = await factory.Seed(A.Reply().On(@case).By(await factory.Seed(A.Member())).Saying("Une réponse qu’un modérateur pourrait changer."));
        var moderator = await factory.Seed(A.Member().Named("Modératrice Révoquée").WithRole(Roles.Moderator));
        var client = await factory.SignedInAs(moderator);   // with the second factor
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var (editReplyUrl, editCaseUrl) = ($"/cases/{@case.Id}/replies/{reply.Id}/edit", $"/cases/{@case.Id}/edit");
        var editReply = await client.GetDocumentAsync(editReplyUrl);   // opened while still a moderator
        var editCase = await client.GetDocumentAsync(editCaseUrl);
        Assert.NotNull((await client.GetDocumentAsync(url)).QuerySelector("nav.moderator-tools"));

        // The role alone, as when another instance revoked it: this one's sessions keep their stamp until the interval
        // (the same instance's Revoke signs the moderator out at once: SessionEndTests).
        await factory.Query(async db =>
        {
            var moderatorRole = await db.Roles.Where(r => r.Name == Roles.Moderator).Select(r => r.Id).SingleAsync();
            return await db.UserRoles.Where(ur => ur.UserId == moderator.Id && ur.RoleId == moderatorRole).ExecuteDeleteAsync();
        });

        Assert.Null((await client.GetDocumentAsync(url)).QuerySelector("nav.moderator-tools"));
        var id = @case.Id.ToString(CultureInfo.InvariantCulture);
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["edit reply"] = await client.SubmitAsync(editReply, editReplyUrl, new Dictionary<string, string> { ["Input.Body"] = "Réécrite par une ancienne modératrice." }, "main form.stacked"),
            ["delete reply"] = await client.SubmitAsync(editReply, editReplyUrl, new Dictionary<string, string>(), "form[action*='handler=Delete']"),
            ["edit case"] = await client.SubmitAsync(editCase, editCaseUrl, new Dictionary<string, string> { ["Input.Title"] = "Titre changé par une ancienne modératrice" }, "form.case-form"),
            ["hide"] = await client.PostWithTokenAsync(url, "/moderation?handler=Hide", new Dictionary<string, string>
            {
                ["Input.Kind"] = "Case", ["Input.Id"] = id, ["Input.Version"] = (await VersionAsync(@case.Id)).ToString(CultureInfo.InvariantCulture),
            }),
            ["reveal"] = await client.PostWithTokenAsync(url, "/moderation/reveals", new Dictionary<string, string>
            {
                ["Input.Kind"] = "Case", ["Input.Id"] = id, ["Input.RevealReason"] = "Curiosité après révocation",
            }),
            ["pick"] = await client.PostWithTokenAsync(url, $"/digests/pick/{id}", new Dictionary<string, string>()),
        };
        foreach (var (action, response) in responses)
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{action}: {(int)response.StatusCode}");

        var after = await factory.Query(async db => new
        {
            Case = await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => new { c.Title, c.Status }).SingleAsync(),
            Reply = await db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => new { r.BodyMarkdown, r.Status }).SingleAsync(),
            Logged = await db.Set<ModerationLogEntry>().CountAsync(e => e.ModeratorId == moderator.Id),
        });
        Assert.Equal(("Un cas que seul un modérateur peut changer", CaseStatus.Published), (after.Case.Title, after.Case.Status));
        Assert.Equal(("Une réponse qu’un modérateur pourrait changer.", ReplyStatus.Published), (after.Reply.BodyMarkdown, after.Reply.Status));
        Assert.Equal(0, after.Logged);
        Assert.DoesNotContain("Auteur Sous Masque", await client.Http.GetStringAsync(url));
    }

    private Task<int> VersionAsync(int caseId) => factory.Query(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());
}
