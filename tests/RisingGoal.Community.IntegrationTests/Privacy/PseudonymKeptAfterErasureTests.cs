using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A pseudonymous author who erases their account keeps the pseudonym on everything they wrote under it (README,
/// "Deleting an account"): the case, and their reply, follow-up and edit in its discussion, on every surface that shows
/// a byline for them (case page with caches warmed before, notifications, the moderation queue, the revisions page,
/// mail queued before). Were they to turn "Former member" at that moment, anyone watching would tie the pseudonym to
/// the account that just disappeared. Another member's erased reply in the same discussion stays "Former member": the
/// pseudonym is never lent to someone else. Everything goes through the pages a member uses.
/// </summary>
public sealed class PseudonymKeptAfterErasureTests
{
    private const string RealName = "Bertrand Secret";
    private const string Pseudonym = "Plume Grise";
    private const string FormerMember = "Ancien membre";

    private sealed record World(DigestAppFactory App, Member Author, Member Follower, Member Moderator, int CaseId, string CaseUrl,
        int AuthorReplyId, int OtherReplyId, int PendingReplyId);

    /// <summary>
    /// The case under the pseudonym, its author's reply, follow-up and edit through the pages (a notification and a mail
    /// to the follower queued), a reply held for review, and another member's reply, that member erased first.
    /// </summary>
    private static async Task<World> WorldAsync(DigestAppFactory app)
    {
        // Trust is the pseudonym's own (TrustPolicy): its case and reply make it trusted, so the follow-up and edit are published at once.
        app.With("Caching:Enabled", "true").With("Moderation:TrustAfterApproved", "2");
        var author = await app.Seed(A.Member().Named(RealName).WithPublishedCases(3));
        var follower = await app.Seed(A.Member().Named("Fabien Suiveur"));
        var moderator = await app.Seed(A.Member().Named("Modo Effacement").WithRole(Roles.Moderator));
        var other = await app.Seed(A.Member().Named("Odile Partie").WithPublishedCases(3));
        var caseId = (await app.Seed(A.Case().By(author).Composed().Titled("Un séminaire sans suite").UnderPseudonym(Pseudonym).FollowedBy(follower))).Id;

        var otherClient = await app.SignedInAs(other);
        var otherReplyId = await app.ReplyOnPageAsync(otherClient, caseId, "Chez nous aussi, trois cycles sans bilan.");
        await otherClient.EraseAccountAsync();

        var authorClient = await app.SignedInAs(author);
        var authorReplyId = await app.ReplyOnPageAsync(authorClient, caseId, "Je précise : trois cycles de suite.");
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{caseId}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Ongoing), ["Input.Body"] = "Six mois plus tard, le séminaire a repris.",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{caseId}/edit", new Dictionary<string, string>
        {
            ["Input.Body"] = ComposedCase.Body.Replace("être synchronisé ne suffit pas.", "être synchronisé ne suffit jamais."), ["Input.EditReason"] = "précision",
        })).StatusCode);
        var pending = await app.Seed(A.Reply().On(caseId).By(author).Saying("Une réponse qui attend la modération.").Pending());
        return new World(app, author, follower, moderator, caseId, await app.CaseUrlAsync(caseId), authorReplyId, otherReplyId, pending.Id);
    }

    private static string Text(AngleSharp.Dom.IElement? element) => WebUtility.HtmlDecode(element!.TextContent);

    [Fact]
    public async Task The_case_page_notifications_queue_and_revisions_keep_the_pseudonym_and_lend_it_to_no_one_else()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var readers = new Dictionary<string, FormClient>
        {
            ["visitor"] = app.CreateFormClient(),
            ["follower"] = await app.SignedInAs(w.Follower),
            ["moderator"] = await app.SignedInAs(w.Moderator),
        };
        foreach (var client in readers.Values)                                  // warm the caches before the erasure
            Assert.Contains(Pseudonym, Text((await client.GetDocumentAsync(w.CaseUrl)).QuerySelector($"#reply-{w.AuthorReplyId}")));
        // "by Former member, Plume Grise": the other member erased first, then the pseudonym; the same words after.
        async Task<List<string>> NotifiedBy() => (await readers["follower"].GetDocumentAsync("/notifications"))
            .QuerySelectorAll(".notification-by").Select(e => WebUtility.HtmlDecode(e.TextContent).Trim()).ToList();
        var notifiedBy = await NotifiedBy();
        Assert.Contains(notifiedBy, line => line.Contains(Pseudonym));

        await (await app.SignedInAs(w.Author)).EraseAccountAsync();
        Assert.Null(await app.Query(db => db.Set<Reply>().Where(r => r.Id == w.AuthorReplyId).Select(r => r.AuthorId).SingleAsync()));

        foreach (var (who, client) in readers)
        {
            var page = await client.GetDocumentAsync(w.CaseUrl);
            var reply = Text(page.QuerySelector($"#reply-{w.AuthorReplyId}"));
            Assert.True(reply.Contains(Pseudonym) && !reply.Contains(FormerMember), $"the author's reply ({who}): {reply}");
            Assert.Equal(Pseudonym, page.QuerySelector("section.follow-ups .byline")!.TextContent.Trim());
            Assert.Contains(FormerMember, Text(page.QuerySelector($"#reply-{w.OtherReplyId}")));   // not the author's: not theirs to keep
            Assert.DoesNotContain(RealName, page.DocumentElement.OuterHtml);
        }

        Assert.Equal(notifiedBy, await NotifiedBy());

        var queue = await readers["moderator"].GetDocumentAsync("/moderation");
        var held = Text(queue.QuerySelector($"#item-reply-{w.PendingReplyId}"));
        Assert.True(held.Contains(Pseudonym) && !held.Contains(FormerMember), $"the held reply in the queue: {held}");
        Assert.DoesNotContain(RealName, queue.DocumentElement.OuterHtml);

        var revisions = WebUtility.HtmlDecode(await readers["moderator"].Http.GetStringAsync($"/cases/{w.CaseId}/revisions"));
        Assert.Contains(Pseudonym, revisions);
        Assert.DoesNotContain(FormerMember, revisions);
    }

    [Fact]
    public async Task Mail_queued_before_the_erasure_names_the_pseudonym()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var w = await WorldAsync(app);                                          // the author's reply: a notification queued
        Assert.Contains(await app.Services.OutboxRowsAsync(), row => row.Status == OutboxStatus.Pending && row.MemberId == w.Follower.Id);

        await (await app.SignedInAs(w.Author)).EraseAccountAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));                               // past the batching window of the author's reply
        await app.Services.DrainOutboxAsync();

        var toFollower = smtp.To(w.Follower.Email!);
        Assert.True(toFollower.Count >= 2, $"{toFollower.Count} messages to the follower");
        Assert.True(toFollower.Any(m => (m.TextBody ?? "").Contains(Pseudonym)), string.Join("\n---\n", toFollower.Select(m => m.TextBody)));
        foreach (var mail in toFollower)
        {
            Assert.DoesNotContain(RealName, mail.Whole());
            // The author's reply keeps the pseudonym; the other member's, erased first, is a former member's (never a blank name).
            var covered = (mail.Headers[Features.Digests.ReplyNotifier.RepliesHeader] ?? "").Split(' ');
            if (covered.Contains(w.AuthorReplyId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                Assert.DoesNotContain(FormerMember, mail.Whole());
            else
                Assert.Contains($"{FormerMember} a répondu", mail.TextBody);
        }
    }

    [Fact]
    public async Task A_logged_reveal_of_the_erased_author_s_reply_says_the_account_is_gone_and_names_no_one()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        await (await app.SignedInAs(w.Author)).EraseAccountAsync();
        var moderator = await app.SignedInAs(w.Moderator);

        // The held reply keeps its pseudonym (its KeepsPseudonym mark): the reveal form is still offered and answers.
        var revealed = await moderator.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.RevealReason"] = "Signalement d’une menace" },
            $"#item-reply-{w.PendingReplyId} form.reveal");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var page = await revealed.Content.ReadAsStringAsync();
        var identity = Text(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector($"#item-reply-{w.PendingReplyId} .revealed-identity"));
        Assert.Contains("le compte qui l’a écrit a été supprimé", identity);
        Assert.DoesNotContain(RealName, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain(FormerMember, identity);
        var entry = await app.Query(db => db.Set<RisingGoal.Community.Features.Moderation.ModerationLogEntry>()
            .SingleAsync(e => e.Action == RisingGoal.Community.Features.Moderation.ModerationAction.RevealIdentity));
        Assert.Equal((w.PendingReplyId, (string?)null), (entry.ReplyId, entry.SubjectMemberId));   // logged, and tied to no account
    }
}
