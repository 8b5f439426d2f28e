using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A pseudonym can identify its author (<see cref="OldPseudonym"/> names the company): a moderator replaces it from the
/// case's redaction page (real HTTP, antiforgery). Afterwards no surface shows the old one — pages, lists, search,
/// feeds, notifications, queue, public log, exports, with caches warmed before — and mail queued before leaves with the
/// new one (a real SMTP server receives). Find → replace does not silently skip a pseudonym; members, suspended
/// moderators and bad input change nothing.
/// </summary>
public sealed class PseudonymReplacementTests
{
    private const string RealName = "Régine Vraisnom";
    private const string OldPseudonym = "DRH-chez-Acme-Lyon";
    /// <summary>The part of the old pseudonym no other text contains.</summary>
    private const string Telltale = "Acme";
    private const string Title = "Des objectifs réécrits chaque trimestre";
    private const string Tension = "reecrits-tension";
    private const string Drift = "reecrits-drift";

    private sealed record World(DigestAppFactory App, Member Author, Member Follower, Member Moderator, int CaseId, string CaseUrl, FormClient AuthorClient)
    {
        public string RedactUrl => $"/moderation/redact/case/{CaseId}";
    }

    /// <summary>The case under the old pseudonym, its author's reply and follow-up through the pages, a follower with a weekly digest.</summary>
    private static async Task<World> WorldAsync(DigestAppFactory app)
    {
        // Trust is the pseudonym's own (TrustPolicy): its case and reply make it trusted, so the follow-up is published at once.
        app.With("Caching:Enabled", "true").With("Moderation:TrustAfterApproved", "2");
        var author = await app.Seed(A.Member().Named(RealName).WithPublishedCases(3));
        var follower = await app.Seed(A.Member().Named("Fabien Suiveur").WithDigest(DigestFrequency.Weekly, Tension));
        var moderator = await app.Seed(A.Member().Named("Modo Pseudonymes").WithRole(Roles.Moderator));
        app.Clock.Advance(TimeSpan.FromHours(2));
        var caseId = (await app.Seed(A.Case().By(author).Titled(Title).Tagged(Tension).Tagged(TagKind.DriftType, Drift)
            .UnderPseudonym(OldPseudonym).FollowedBy(follower))).Id;
        var authorClient = await app.SignedInAs(author);
        await app.ReplyOnPageAsync(authorClient, caseId, "Merci pour vos retours, je précise le contexte.");
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{caseId}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Ongoing), ["Input.Body"] = "Six mois plus tard, les revues ont changé de forme.",
        })).StatusCode);
        return new World(app, author, follower, moderator, caseId, await app.CaseUrlAsync(caseId), authorClient);
    }

    /// <summary>The moderator's step: the prefilled neutral suggestion, a public reason. Returns the new pseudonym.</summary>
    private static async Task<string> ReplaceAsync(World w)
    {
        var staff = await w.App.SignedInAs(w.Moderator);
        var form = await staff.GetDocumentAsync(w.RedactUrl);
        var suggestion = form.QuerySelector("#replace-pseudonym input[name='Pseudonym.New']")!.GetAttribute("value")!;
        Assert.Matches(@"^Membre anonyme \d{4}$", suggestion);
        var response = await staff.SubmitAsync(form, w.RedactUrl, new Dictionary<string, string> { ["Pseudonym.PublicReason"] = "Pseudonyme identifiant" },
            "#replace-pseudonym");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(suggestion, await w.App.Query(db => db.Set<Case>().Where(c => c.Id == w.CaseId).Select(c => c.Pseudonym).SingleAsync()));
        return suggestion;
    }

    private static void AssertGone(string text, string where) =>
        Assert.False(LeakText.WithoutTokens(text).Contains(Telltale, StringComparison.OrdinalIgnoreCase),
            $"{where} still shows the old pseudonym: {LeakText.Around(LeakText.WithoutTokens(text), Telltale)}");

    [Fact]
    public async Task After_a_moderator_replaces_it_no_page_list_search_feed_notification_queue_log_or_export_shows_the_old_pseudonym()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var pending = await app.Seed(A.Reply().On(w.CaseId).By(w.Author).Saying("Une réponse qui attend la modération.").Pending());
        // The author also writes under their display name elsewhere: their profile exists.
        await app.Seed(A.Reply().On((await app.Seed(A.Case().By(w.Follower).Titled("Un cas signé par Fabien"))).Id).By(w.Author));
        var readers = new Dictionary<string, FormClient>
        {
            ["visitor"] = app.CreateFormClient(),
            ["follower"] = await app.SignedInAs(w.Follower),
            ["moderator"] = await app.SignedInAs(w.Moderator),
        };
        var lists = new[] { "/cases", "/", $"/tensions/{Tension}", $"/drifts/{Drift}", "/search?q=trimestre" };
        var feeds = new[] { "/feeds/cases.atom", $"/feeds/tensions/{Tension}.atom", $"/feeds/drifts/{Drift}.atom" };
        foreach (var client in readers.Values)                                  // warm every cache with the old pseudonym
        {
            Assert.Contains(OldPseudonym, await client.Http.GetStringAsync(w.CaseUrl));
            Assert.Contains(OldPseudonym, await client.Http.GetStringAsync("/cases"));
            foreach (var url in lists.Concat(feeds)) await client.Http.GetStringAsync(url);
        }
        Assert.Contains(OldPseudonym, await readers["follower"].Http.GetStringAsync("/notifications"));
        Assert.Contains(OldPseudonym, await readers["moderator"].Http.GetStringAsync("/moderation"));

        var replaced = await ReplaceAsync(w);

        foreach (var (who, client) in readers)
        {
            var page = await client.GetDocumentAsync(w.CaseUrl);
            AssertGone(page.DocumentElement.OuterHtml, $"case page ({who})");
            Assert.Equal(replaced, page.QuerySelector("article.case header .byline")!.TextContent.Trim());
            Assert.Equal(replaced, page.QuerySelector("article.reply .byline")!.TextContent.Trim());
            Assert.Equal(replaced, page.QuerySelector("section.follow-ups .byline")!.TextContent.Trim());
            foreach (var url in lists)
            {
                var list = await client.Http.GetStringAsync(url);
                AssertGone(list, $"{url} ({who})");
                if (url != "/" && !url.StartsWith("/search")) Assert.True(list.Contains(replaced), $"{url} ({who}) shows no new byline");
            }
            Assert.DoesNotContain(w.CaseUrl, await client.Http.GetStringAsync("/search?q=" + Telltale));
            AssertGone(await client.Http.GetStringAsync("/members/" + Uri.EscapeDataString(RealName)), $"profile ({who})");
        }
        foreach (var feed in feeds)
        {
            var xml = await app.CreateFormClient().Http.GetStringAsync(feed);
            AssertGone(xml, feed);
            Assert.Contains($"<name>{replaced}</name>", xml);
        }

        var notifications = await readers["follower"].Http.GetStringAsync("/notifications");
        AssertGone(notifications, "follower's notifications");
        Assert.Contains(replaced, notifications);
        var queue = await readers["moderator"].GetDocumentAsync("/moderation");
        AssertGone(queue.DocumentElement.OuterHtml, "moderation queue");
        Assert.Contains(replaced, queue.QuerySelector($"#item-reply-{pending.Id}")!.TextContent);
        AssertGone(await readers["moderator"].Http.GetStringAsync($"/cases/{w.CaseId}/revisions"), "revisions page");

        var log = WebUtility.HtmlDecode(await app.CreateFormClient().Http.GetStringAsync("/moderation/log"));
        Assert.Contains("a remplacé le pseudonyme de", log);
        Assert.Contains(Title, log);
        Assert.Contains("Pseudonyme identifiant", log);
        Assert.DoesNotContain(replaced, log);                                   // the log says a pseudonym changed, never which
        AssertGone(log, "public log");
        AssertGone(await readers["moderator"].Http.GetStringAsync("/moderation/log"), "public log (staff)");

        var own = await w.AuthorClient.Http.GetStringAsync("/account/export");
        AssertGone(own, "the author's export");
        Assert.Contains(replaced, own);
        AssertGone(await readers["follower"].Http.GetStringAsync("/account/export"), "the follower's export");
    }

    [Fact]
    public async Task Mail_queued_before_the_replacement_leaves_with_the_new_pseudonym()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var w = await WorldAsync(app);                                          // the author's reply: a notification queued
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal(1, (await app.Services.PlanDigestsAsync()).Queued);        // the digest, planned with the old byline
        Assert.Contains(await app.Services.OutboxRowsAsync(), row => row.Status == OutboxStatus.Pending);

        var replaced = await ReplaceAsync(w);
        await app.Services.DrainOutboxAsync();

        var toFollower = smtp.To(w.Follower.Email!);
        Assert.True(toFollower.Count >= 2, $"{toFollower.Count} messages to the follower");
        foreach (var mail in toFollower) AssertGone(mail.Whole(), $"e-mail “{mail.Subject}”");
        Assert.Contains(toFollower, m => (m.TextBody ?? "").Contains($"{replaced} a répondu"));
        Assert.Contains(toFollower, m => (m.TextBody ?? "").Contains($"par {replaced}"));
        foreach (var mail in smtp.Received) AssertGone(mail.Whole(), $"e-mail “{mail.Subject}” to {mail.To}");
    }

    [Fact]
    public async Task Find_and_replace_of_text_in_the_pseudonym_says_so_at_the_field_and_changes_nothing()
    {
        await using var app = new DigestAppFactory();
        var author = await app.Seed(A.Member().Named(RealName));
        var @case = await app.Seed(A.Case().By(author).Titled(Title).Saying("Chez Acme, les OKR étaient remplis d’avance.").UnderPseudonym(OldPseudonym));
        var reply = await app.Seed(A.Reply().On(@case.Id).By(author).Saying("Acme encore."));
        var staff = await app.SignedInAs(await app.Seed(A.Member().Named("Modo Rechercher").WithRole(Roles.Moderator)));

        var onCase = await staff.SubmitAsync($"/moderation/redact/case/{@case.Id}", new Dictionary<string, string>
        {
            ["Input.Find"] = Telltale, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Entreprise nommée",
        }, "main form.stacked");
        var onReply = await staff.SubmitAsync($"/moderation/redact/reply/{reply.Id}", new Dictionary<string, string>
        {
            ["Input.Find"] = Telltale, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Entreprise nommée",
        }, "main form.stacked");

        Assert.Equal("Ce texte figure dans le pseudonyme du cas, que la recherche et le remplacement ne modifient pas\u00a0: remplacez d’abord le pseudonyme ci-dessous.",
            FieldError(await onCase.Content.ReadAsStringAsync(), "Input.Find"));
        Assert.Equal("Ce texte figure dans le pseudonyme du cas, que la recherche et le remplacement ne modifient pas\u00a0: remplacez d’abord le pseudonyme depuis la page de caviardage du cas.",
            FieldError(await onReply.Content.ReadAsStringAsync(), "Input.Find"));
        Assert.Equal((OldPseudonym, 0), await app.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Pseudonym).SingleAsync(),
            await db.Set<ModerationLogEntry>().CountAsync())));
        Assert.Contains("Acme", await app.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Body.Markdown).SingleAsync()));
    }

    private static string? FieldError(string html, string field) =>
        FormClient.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim();

    [Fact]
    public async Task A_pseudonym_that_could_pass_for_someone_or_a_missing_reason_is_refused_at_the_field_in_french_and_english()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var staff = await app.SignedInAs(w.Moderator);

        async Task<string> SubmitAsync(FormClient client, string pseudonym, string reason) => await (await client.SubmitAsync(w.RedactUrl,
            new Dictionary<string, string> { ["Pseudonym.New"] = pseudonym, ["Pseudonym.PublicReason"] = reason }, "#replace-pseudonym")).Content.ReadAsStringAsync();

        Assert.Equal("Ce nom est déjà utilisé (nom affiché d’un membre ou pseudonyme) ou réservé. Choisissez-en un autre.",
            FieldError(await SubmitAsync(staff, "fabien  SUIVEUR", "Identifiant"), "Pseudonym.New"));
        Assert.Equal("Ce nom est déjà utilisé (nom affiché d’un membre ou pseudonyme) ou réservé. Choisissez-en un autre.",
            FieldError(await SubmitAsync(staff, "Modérateur", "Identifiant"), "Pseudonym.New"));
        Assert.Equal("C’est le pseudonyme actuel. Choisissez-en un nouveau.", FieldError(await SubmitAsync(staff, "drh-chez-acme-lyon", "Identifiant"), "Pseudonym.New"));
        var shortAndUnreasoned = await SubmitAsync(staff, " x ", " ");
        Assert.Equal("Le pseudonyme doit faire entre 3 et 40 caractères.", FieldError(shortAndUnreasoned, "Pseudonym.New"));
        Assert.Equal("Indiquez la raison affichée dans le journal de modération.", FieldError(shortAndUnreasoned, "Pseudonym.PublicReason"));
        Assert.Contains("href=\"#Pseudonym_New\"", shortAndUnreasoned);          // the error summary links to the field

        var inEnglish = await app.SignedInAs(w.Moderator, language: "en");
        var english = await SubmitAsync(inEnglish, RealName, "");
        Assert.Equal("This name is already in use (a member's display name or a pseudonym) or reserved. Choose another one.", FieldError(english, "Pseudonym.New"));
        Assert.Equal("Give the reason shown in the moderation log.", FieldError(english, "Pseudonym.PublicReason"));
        Assert.Matches(new Regex("value=\"Anonymous member \\d{4}\""), await inEnglish.Http.GetStringAsync(w.RedactUrl));

        Assert.Equal((OldPseudonym, false), await app.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == w.CaseId).Select(c => c.Pseudonym).SingleAsync(),
            await db.Set<ModerationLogEntry>().AnyAsync(e => e.Action == ModerationAction.ReplacePseudonym))));
    }

    [Fact]
    public async Task A_member_and_a_suspended_moderator_cannot_replace_a_pseudonym()
    {
        await using var app = new DigestAppFactory();
        var w = await WorldAsync(app);
        var fields = new Dictionary<string, string> { ["Pseudonym.New"] = "Membre anonyme 1234", ["Pseudonym.PublicReason"] = "Identifiant" };

        var member = await app.SignedInAs(w.Follower);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync(w.RedactUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostWithTokenAsync("/account", w.RedactUrl + "?handler=Pseudonym", fields)).StatusCode);

        var suspended = await app.Seed(A.Member().Named("Modo Suspendu").WithRole(Roles.Moderator));
        var staff = await app.SignedInAs(suspended);
        var form = await staff.GetDocumentAsync(w.RedactUrl);
        await app.Query(db =>
        {
            db.Add(Suspension.Start(suspended.Id, w.Moderator.Id, TimeSpan.FromDays(7), "Abus des outils", app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        var refused = await staff.SubmitAsync(form, w.RedactUrl, fields, "#replace-pseudonym");
        var redaction = await staff.SubmitAsync(form, w.RedactUrl, new Dictionary<string, string>
        {
            ["Input.Find"] = "trimestre", ["Input.Replacement"] = "[…]", ["Input.PublicReason"] = "Identifiant",
        }, "main form.stacked");

        foreach (var response in new[] { refused, redaction })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);   // refused by [StaffOnly] before the page's own check
            Assert.Contains("Votre compte est suspendu jusqu’au", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(Title, await app.Query(db => db.Set<Case>().Where(c => c.Id == w.CaseId).Select(c => c.Title).SingleAsync()));
        Assert.Equal((OldPseudonym, false), await app.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == w.CaseId).Select(c => c.Pseudonym).SingleAsync(),
            await db.Set<ModerationLogEntry>().AnyAsync(e => e.Action == ModerationAction.ReplacePseudonym))));
    }

    [Fact]
    public async Task Replacing_pseudonyms_is_rate_limited_like_other_writes()
    {
        await using var app = new DigestAppFactory();
        app.With($"RateLimits:{RateLimits.Moderate}", "1");
        var @case = await app.Seed(A.Case().By(await app.Seed(A.Member().Named(RealName))).Titled(Title).UnderPseudonym(OldPseudonym));
        var staff = await app.SignedInAs(await app.Seed(A.Member().Named("Modo Pressé").WithRole(Roles.Moderator)));
        var url = $"/moderation/redact/case/{@case.Id}";
        var form = await staff.GetDocumentAsync(url);
        var noReason = new Dictionary<string, string> { ["Pseudonym.PublicReason"] = "" };

        Assert.Equal(HttpStatusCode.OK, (await staff.SubmitAsync(form, url, noReason, "#replace-pseudonym")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await staff.SubmitAsync(form, url,
            new Dictionary<string, string> { ["Pseudonym.PublicReason"] = "Identifiant" }, "#replace-pseudonym")).StatusCode);
        Assert.Equal(OldPseudonym, await app.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Pseudonym).SingleAsync()));
    }
}
