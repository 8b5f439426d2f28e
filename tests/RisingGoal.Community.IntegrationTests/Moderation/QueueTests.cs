using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

public sealed class QueueTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private CommunityAppFactory Factory => factory;
    private IServiceProvider Services => factory.Services;

    /// <summary>Every moderation page (GET) and every handler of those pages (POST, with a valid antiforgery token).</summary>
    public static TheoryData<string, string?> StaffHandlers => new()
    {
        { "/moderation", null },
        { "/moderation", "Approve" }, { "/moderation", "Reject" }, { "/moderation", "Hide" }, { "/moderation", "Unhide" },
        { "/moderation", "Lock" }, { "/moderation", "Unlock" }, { "/moderation", "Feature" }, { "/moderation", "Unfeature" },
        { "/moderation", "Retag" }, { "/moderation", "Dismiss" },
        { "/moderation/reveals", null }, { "/moderation/reveals", "" }, { "/moderation/takedowns", null }, { "/moderation/takedowns", "" },
        { "/moderation/edits", null }, { "/moderation/edits", "Approve" }, { "/moderation/edits", "Reject" },
        { "/moderation/redact/case/{case}", null }, { "/moderation/redact/case/{case}", "" },
        { "/moderation/redact/reply/{reply}", null }, { "/moderation/redact/reply/{reply}", "" },
        { "/moderation/members/{author}", null }, { "/moderation/members/{author}", "Suspend" }, { "/moderation/members/{author}", "Lift" },
        { "/admin/moderators", null }, { "/admin/moderators", "Grant" }, { "/admin/moderators", "Revoke" },
    };

    /// <summary>Issue 4, item 11. <paramref name="handler"/>: null = GET the page; "" = the page's default POST; else that POST handler.</summary>
    [Theory]
    [MemberData(nameof(StaffHandlers))]
    public async Task Moderation_handlers_send_anonymous_visitors_to_log_in_and_forbid_members(string page, string? handler)
    {
        var author = await Factory.Seed(A.Member());
        var member = await Factory.Seed(A.Member());
        var @case = await Factory.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume"));
        var reply = await Factory.Seed(A.Reply().On(@case.Id).By(author));
        var url = page.Replace("{case}", @case.Id.ToString()).Replace("{reply}", reply.Id.ToString()).Replace("{author}", author.Id);
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = @case.Version.ToString(),
            ["Input.Reason"] = "Spam", ["Input.Text"] = "x", ["Input.RevealReason"] = "x", ["Input.TagIds"] = "1",
            ["Input.Find"] = "programme", ["Input.NewMarkdown"] = "x", ["Input.Days"] = "7",
            ["Answer.Id"] = "1", ["Answer.Outcome"] = "Declined", ["Answer.Message"] = "x",
            ["Email"] = member.Email!, ["memberId"] = author.Id,
        };

        var anonymous = await SendAsync(Factory.CreateFormClient(), url, handler, fields);
        var asMember = await SendAsync(await Factory.SignedInAs(member), url, handler, fields);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        if (page.StartsWith("/admin/", StringComparison.Ordinal))
        {
            var moderator = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(await Factory.SignedInAs(moderator), url, handler, fields)).StatusCode);
        }
        var state = await Factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => new { c.Status, c.Version }).SingleAsync());
        Assert.Equal((CaseStatus.Published, @case.Version), (state.Status, state.Version));
        Assert.False(await Factory.Query(db => db.Set<ModerationLogEntry>().AnyAsync(e => e.CaseId == @case.Id)));
        Assert.False(await Factory.Query(db => db.Set<Suspension>().AnyAsync(x => x.MemberId == author.Id)));
    }

    private static Task<HttpResponseMessage> SendAsync(FormClient client, string url, string? handler, Dictionary<string, string> fields) =>
        handler is null
            ? client.Http.GetAsync(url)
            // The token comes from a public form (for visitors too): the refusal must come from the role check, not from antiforgery.
            : client.PostWithTokenAsync("/takedown", handler.Length == 0 ? url : $"{url}?handler={handler}", fields);

    [Fact]
    public async Task A_moderator_approves_a_pending_case_and_the_action_is_logged()
    {
        var author = await Factory.Seed(A.Member().Named("Alice Auteure"));
        var moderator = await Factory.Seed(A.Member().Named("Modo Marc").WithRole(Roles.Moderator));
        var @case = await Factory.Seed(A.Case().By(author).Titled("Un cas en attente de relecture").Pending());
        var client = await Factory.SignedInAs(moderator);

        var queue = await client.Http.GetStringAsync("/moderation");
        Assert.Contains("Un cas en attente de relecture", queue);
        Assert.Contains("Le programme tournait bien.", queue);         // the rendered preview
        var response = await client.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-case-{@case.Id} form.approve");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (status, log) = await Factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Status).SingleAsync(),
            await db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id).ToListAsync()));
        Assert.Equal(CaseStatus.Published, status);
        var entry = Assert.Single(log);
        Assert.Equal(ModerationAction.Approve, entry.Action);
        Assert.Equal("Modo Marc", entry.ModeratorName);
        Assert.DoesNotContain("Un cas en attente de relecture", await client.Http.GetStringAsync("/moderation"));
    }

    [Fact]
    public async Task Rejecting_mails_the_author_in_their_language_with_the_reason()
    {
        var author = await Factory.Seed(A.Member().Speaking("en"));
        var moderator = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await Factory.Seed(A.Case().By(author).Titled("Naming the CFO of Acme").Pending());
        var client = await Factory.SignedInAs(moderator, "fr");

        var response = await client.SubmitAsync("/moderation", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(RejectReason.IdentifiesSomeone),
            ["Input.Text"] = "Please remove the company name.",
        }, $"#item-case-{@case.Id} form.reject");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(Factory.Mail.To(author.Email!));                 // queued in the outbox, not sent from the request
        Assert.Single(await Services.OutboxRowsAsync($"moderation:rejected:case:{@case.Id}:"));
        await Services.DrainOutboxAsync();
        var mail = Assert.Single(Factory.Mail.To(author.Email!));
        Assert.Equal("Your post was not published", mail.Subject);
        Assert.Contains("Naming the CFO of Acme", mail.TextBody);
        Assert.Contains("It identifies a person or an organisation", mail.TextBody);
        Assert.Contains("Please remove the company name.", mail.TextBody);
        var status = await Factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Status).SingleAsync());
        Assert.Equal(CaseStatus.Rejected, status);
    }

    [Fact]
    public async Task Rejecting_with_other_reason_and_no_text_is_refused_at_the_form()
    {
        var author = await Factory.Seed(A.Member());
        var moderator = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await Factory.Seed(A.Case().By(author).Pending());
        var client = await Factory.SignedInAs(moderator, "fr");

        var response = await client.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.Reason"] = "Other", ["Input.Text"] = "" },
            $"#item-case-{@case.Id} form.reject");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Expliquez la raison", await response.Content.ReadAsStringAsync());
        await Services.DrainOutboxAsync();
        Assert.Empty(Factory.Mail.To(author.Email!));
    }

    [Fact]
    public async Task When_two_moderators_act_at_once_the_second_is_told_and_nothing_changes()
    {
        var author = await Factory.Seed(A.Member());
        var first = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
        var second = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await Factory.Seed(A.Case().By(author).Pending());
        var a = await Factory.SignedInAs(first, "en");
        var b = await Factory.SignedInAs(second, "en");
        var pageOfB = FormClient.Parse(await b.Http.GetStringAsync("/moderation"));   // B opened the queue...
        var versionOfB = pageOfB.QuerySelector($"#item-case-{@case.Id} form.reject input[name='Input.Version']")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-case-{@case.Id} form.approve")).StatusCode);
        var late = await b.PostWithTokenAsync("/moderation", "/moderation?handler=Reject", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = versionOfB,
            ["Input.Reason"] = "Spam",
        });

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Contains("Another moderator", await b.Http.GetStringAsync("/moderation"));
        var (status, log) = await Factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Status).SingleAsync(),
            await db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id).ToListAsync()));
        Assert.Equal(CaseStatus.Published, status);
        Assert.Equal(ModerationAction.Approve, Assert.Single(log).Action);
        await Services.DrainOutboxAsync();
        Assert.Equal("Votre message est publié", Assert.Single(Factory.Mail.To(author.Email!)).Subject);   // the approval, no rejection
    }

    [Fact]
    public async Task Lock_feature_and_hide_change_the_case_and_are_logged()
    {
        var author = await Factory.Seed(A.Member());
        var moderator = await Factory.Seed(A.Member().WithRole(Roles.Administrator));
        var @case = await Factory.Seed(A.Case().By(author));
        var flagger = await Factory.Seed(A.Member());
        await Factory.Query(async db =>
        {
            db.Add(Flag.Raise(TargetKind.Case, @case.Id, @case.Id, flagger.Id, FlagReason.OffTopic, null, Factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var client = await Factory.SignedInAs(moderator);

        foreach (var form in new[] { "lock", "feature", "hide" })
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-case-{@case.Id} form.{form}")).StatusCode);

        var (saved, actions) = await Factory.Query(async db => (
            await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == @case.Id),
            await db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.True(saved.IsLocked);
        Assert.NotNull(saved.FeaturedUtc);
        Assert.Equal(CaseStatus.Hidden, saved.Status);
        Assert.Equal([ModerationAction.Lock, ModerationAction.Feature, ModerationAction.Hide], actions);
    }

    [Fact]
    public async Task Rejecting_a_pending_reply_marks_it_rejected_and_mails_its_author_in_french()
    {
        var author = await Factory.Seed(A.Member().Speaking("fr"));
        var moderator = await Factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await Factory.Seed(A.Case().By(author).Titled("Le cas de la réponse"));
        var reply = await Factory.Seed(A.Reply().On(@case.Id).By(author).Saying("Achetez ma formation").Pending());

        var response = await (await Factory.SignedInAs(moderator, "en")).SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.Spam) }, $"#item-reply-{reply.Id} form.reject");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Services.DrainOutboxAsync();
        var mail = Assert.Single(Factory.Mail.To(author.Email!));
        Assert.Equal("Votre message n’a pas été publié", mail.Subject);
        Assert.Contains("Votre réponse sur «\u00A0Le cas de la réponse\u00A0» n’a pas été publiée.", mail.TextBody);
        Assert.Contains("Spam ou publicité", mail.TextBody);
        var status = await Factory.Query(db => db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ReplyStatus.Rejected, status);
    }
}
