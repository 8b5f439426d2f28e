using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// An edit by a member who is not trusted yet waits in the queue; the published version is what everyone else reads
/// (case page, lists, search, feeds, with the caches on) until a moderator approves it; rejecting discards it.
/// </summary>
public sealed class PendingEditTests : IClassFixture<HoldingMembersAppFactory>
{
    private readonly HoldingMembersAppFactory _factory;

    public PendingEditTests(HoldingMembersAppFactory factory)
    {
        _factory = factory;
        factory.With("Caching:Enabled", "true");
    }



    /// <summary>Every public surface a case's text reaches (case page, lists, feed), read by a visitor or another member.</summary>
    private static async Task<string> PublicSurfacesAsync(FormClient reader, string caseUrl)
    {
        var pages = new List<string>();
        foreach (var url in new[] { caseUrl, "/cases", "/", "/feeds/cases.atom" })
        {
            var response = await reader.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        return string.Join("\n", pages);
    }

    /// <summary>Whether searching the word finds the case (the search page repeats the query itself, so look for the link).</summary>
    private static async Task<bool> SearchFindsAsync(FormClient reader, string word, int caseId) =>
        (await reader.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(word)))
            .QuerySelectorAll($"main a[href^='/cases/{caseId}/']").Length > 0;

    [Fact]
    public async Task An_untrusted_members_case_edit_waits_and_everyone_else_reads_the_published_version_until_it_is_approved()
    {
        const string published = "Un cas publié avant la modification";
        const string proposed = "Un titre proposé zanzibarique";
        var author = await _factory.Seed(A.Member().Named("Nouvelle"));
        var @case = await _factory.Seed(A.Case().By(author).Composed().Titled(published));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var visitor = _factory.CreateFormClient();
        var member = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Lectrice")));
        Assert.Contains(published, await PublicSurfacesAsync(visitor, url));     // warm the caches
        Assert.True(await SearchFindsAsync(visitor, "publié", @case.Id));
        Assert.False(await SearchFindsAsync(visitor, "zanzibarique", @case.Id));
        var client = await _factory.SignedInAs(author);

        var saved = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = proposed, ["Input.Body"] = ComposedCase.Body + "\n\nUn paragraphe zanzibarique ajouté.", ["Input.EditReason"] = "précision",
        }, "form.case-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(url, saved.Headers.Location!.ToString());
        var (title, revisions, pending) = await _factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Title).SingleAsync(),
            await db.Set<CaseRevision>().CountAsync(r => r.CaseId == @case.Id),
            await db.Set<PendingEdit>().SingleAsync(e => e.CaseId == @case.Id)));
        Assert.Equal((published, 0, author.Id), (title, revisions, pending.AuthorId));

        foreach (var reader in new[] { visitor, member })
        {
            var seen = await PublicSurfacesAsync(reader, url);
            Assert.DoesNotContain("zanzibarique", seen);
            Assert.Contains(published, seen);
            Assert.False(await SearchFindsAsync(reader, "zanzibarique", @case.Id));
        }
        var own = await client.GetDocumentAsync(url);
        Assert.Equal(published, own.QuerySelector("h1")!.TextContent);
        Assert.Contains("Votre modification de ce cas attend une relecture", own.QuerySelector(".pending-edit")!.TextContent);
        Assert.Contains("zanzibarique", own.QuerySelector(".pending-edit .proposed-text")!.TextContent);
        Assert.Equal(proposed, (await client.GetDocumentAsync($"/cases/{@case.Id}/edit")).QuerySelector("input[name='Input.Title']")!.GetAttribute("value"));

        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo des modifications").WithRole(Roles.Moderator)));
        var queue = await moderator.GetDocumentAsync("/moderation");
        var item = queue.QuerySelector($"#edit-{pending.Id}")!;
        Assert.Contains($"# {proposed}", item.QuerySelectorAll("ol.diff li.added ins").Select(i => i.TextContent));
        Assert.Contains($"# {published}", item.QuerySelectorAll("ol.diff li.removed del").Select(i => i.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{pending.Id} form.approve-edit")).StatusCode);

        var after = await _factory.Query(async db => new
        {
            Case = await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == @case.Id),
            Revision = await db.Set<CaseRevision>().AsNoTracking().SingleAsync(r => r.CaseId == @case.Id),
            Pending = await db.Set<PendingEdit>().CountAsync(e => e.CaseId == @case.Id),
            Log = await db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id).Select(e => e.Action).ToListAsync(),
        });
        Assert.Equal(proposed, after.Case.Title);
        Assert.Equal((published, author.Id, "précision"), (after.Revision.Title, after.Revision.EditorId, after.Revision.Reason));
        Assert.Equal(0, after.Pending);
        Assert.Equal([ModerationAction.ApproveEdit], after.Log);
        var now = await PublicSurfacesAsync(visitor, CaseUrls.Read(@case.Id, after.Case.Slug));
        Assert.Contains(proposed, now);
        Assert.True(await SearchFindsAsync(visitor, "zanzibarique", @case.Id));
        Assert.Contains("Un paragraphe zanzibarique ajouté.", now);
        Assert.Null((await client.GetDocumentAsync(CaseUrls.Read(@case.Id, after.Case.Slug))).QuerySelector(".pending-edit"));
    }

    [Fact]
    public async Task An_untrusted_members_reply_edit_waits_and_rejecting_it_keeps_the_published_reply_and_tells_the_author()
    {
        var other = await _factory.Seed(A.Member().Named("Autrice"));
        var @case = await _factory.Seed(A.Case().By(other).Composed().Titled("Un cas où une réponse est modifiée"));
        var author = await _factory.Seed(A.Member().Named("Répondante"));
        var reply = await _factory.Seed(A.Reply().On(@case.Id).By(author).Saying("La réponse publiée."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var client = await _factory.SignedInAs(author);

        var saved = await client.SubmitAsync($"/cases/{@case.Id}/replies/{reply.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = "La réponse proposée quetzalienne." }, "main form.stacked");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var edit = await _factory.Query(db => db.Set<PendingEdit>().AsNoTracking().SingleAsync(e => e.ReplyId == reply.Id));
        foreach (var reader in new[] { _factory.CreateFormClient(), await _factory.SignedInAs(other) })
        {
            var page = WebUtility.HtmlDecode(await reader.Http.GetStringAsync(url));
            Assert.Contains("La réponse publiée.", page);
            Assert.DoesNotContain("quetzalienne", page);
        }
        var own = await client.GetDocumentAsync(url);
        Assert.Contains("quetzalienne", own.QuerySelector(".pending-edit .proposed-text")!.TextContent);
        Assert.Contains("quetzalienne", await client.Http.GetStringAsync("/account/export"));      // the member's own data
        Assert.Equal("La réponse proposée quetzalienne.", (await client.GetDocumentAsync($"/cases/{@case.Id}/replies/{reply.Id}/edit")).QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());

        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo des refus").WithRole(Roles.Moderator)));
        var refused = await moderator.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.Spam) }, $"#edit-{edit.Id} form.reject-edit");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await _factory.Query(async db => new
        {
            Body = await db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.BodyMarkdown).SingleAsync(),
            Pending = await db.Set<PendingEdit>().CountAsync(e => e.ReplyId == reply.Id),
            Revisions = await db.Set<ReplyRevision>().CountAsync(r => r.ReplyId == reply.Id),
            Log = await db.Set<ModerationLogEntry>().Where(e => e.ReplyId == reply.Id).Select(e => e.Action).ToListAsync(),
        });
        Assert.Equal(("La réponse publiée.", 0, 0), (after.Body, after.Pending, after.Revisions));
        Assert.Equal([ModerationAction.RejectEdit], after.Log);
        Assert.Null((await client.GetDocumentAsync(url)).QuerySelector(".pending-edit"));
        Assert.Single(await _factory.Services.OutboxRowsAsync($"moderation:edit-rejected:reply:{reply.Id}:v{edit.Id}"));
        await _factory.Services.DrainOutboxAsync();
        var mail = Assert.Single(_factory.Mail.To(author.Email!));
        Assert.Equal("Votre modification n’a pas été publiée", mail.Subject);
        Assert.Contains("la version précédente reste en ligne", mail.TextBody);
        Assert.DoesNotContain("quetzalienne", mail.TextBody);
    }

    [Fact]
    public async Task An_untrusted_authors_follow_up_waits_until_a_moderator_approves_it()
    {
        var author = await _factory.Seed(A.Member().Named("Suite en attente"));
        var @case = await _factory.Seed(A.Case().By(author).Composed().Titled("Un cas dont la suite attend"));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var client = await _factory.SignedInAs(author);
        // The page says it before they write, and its button what it does (it said "Ajouter la suite").
        var form = await client.GetDocumentAsync($"/cases/{@case.Id}/follow-ups");
        Assert.Equal("Un modérateur lit votre suite avant qu’elle n’apparaisse sur le cas, comme pour chaque nouveau membre.",
            form.QuerySelector("main .follow-up-review")?.TextContent.Trim());
        Assert.Equal("Envoyer pour relecture", form.QuerySelector("main form.stacked button[type=submit]")?.TextContent.Trim());

        var saved = await client.SubmitAsync($"/cases/{@case.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Corrected), ["Input.Body"] = "Une suite tamarinesque en attente.",
        }, "main form.stacked");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (followUps, status, edit) = await _factory.Query(async db => (
            await db.Set<FollowUp>().CountAsync(f => f.CaseId == @case.Id),
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.LatestFollowUpStatus).SingleAsync(),
            await db.Set<PendingEdit>().AsNoTracking().SingleAsync(e => e.CaseId == @case.Id)));
        Assert.Equal((0, (FollowUpStatus?)null, FollowUpStatus.Corrected), (followUps, status, edit.FollowUpStatus));
        Assert.DoesNotContain("tamarinesque", await PublicSurfacesAsync(_factory.CreateFormClient(), url));
        Assert.Contains("Votre suite attend une relecture", (await client.GetDocumentAsync(url)).QuerySelector(".pending-edit")!.TextContent);

        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo des suites").WithRole(Roles.Moderator)));
        var item = (await moderator.GetDocumentAsync("/moderation")).QuerySelector($"#edit-{edit.Id}")!;
        Assert.Contains("Nouvelle suite sur", item.QuerySelector("h3")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{edit.Id} form.approve-edit")).StatusCode);

        var page = await _factory.CreateFormClient().GetDocumentAsync(url);
        Assert.Contains("tamarinesque", page.QuerySelector(".follow-up")!.TextContent);
        Assert.Equal(FollowUpStatus.Corrected, await _factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.LatestFollowUpStatus).SingleAsync()));
    }

    [Fact]
    public async Task Making_a_case_members_only_applies_at_once_while_the_rest_of_the_edit_waits()
    {
        var author = await _factory.Seed(A.Member().Named("Restreinte"));
        var @case = await _factory.Seed(A.Case().By(author).Composed().Titled("Un cas à restreindre tout de suite"));
        var client = await _factory.SignedInAs(author);

        var saved = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Visibility"] = nameof(CaseVisibility.MembersOnly), ["Input.Title"] = "Un titre restreint en attente",
        }, "form.case-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (visibility, title, pending) = await _factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Visibility).SingleAsync(),
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Title).SingleAsync(),
            await db.Set<PendingEdit>().CountAsync(e => e.CaseId == @case.Id)));
        Assert.Equal((CaseVisibility.MembersOnly, "Un cas à restreindre tout de suite", 1), (visibility, title, pending));
    }

    /// <summary>
    /// The edit pages say before an edit is written whether it waits for a moderator, and their button what it does, from
    /// the rule the handler applies (both said "Enregistrer les modifications" whoever edited). A trusted member's
    /// pseudonymous case is judged by its pseudonym, which has one approved post: its edits wait too.
    /// </summary>
    [Fact]
    public async Task The_edit_pages_say_before_writing_whether_the_edit_waits_for_a_moderator()
    {
        const string review = "Un modérateur lit vos modifications avant qu’elles ne remplacent la version publiée, que les lecteurs voient d’ici là.";
        var newcomer = await _factory.Seed(A.Member().Named("Novice Éditrice"));
        var trusted = await _factory.Seed(A.Member().Named("Éditrice de Confiance").WithPublishedCases(3));
        var newcomersCase = await _factory.Seed(A.Case().By(newcomer).Composed().Titled("Un cas à modifier par une novice"));
        var reply = await _factory.Seed(A.Reply().On(newcomersCase.Id).By(newcomer).Saying("Une réponse de la novice."));
        var trustedCase = await _factory.Seed(A.Case().By(trusted).Composed().Titled("Un cas signé de confiance"));
        var trustedReply = await _factory.Seed(A.Reply().On(trustedCase.Id).By(trusted).Saying("Une réponse de confiance."));
        var pseudonymous = await _factory.Seed(A.Case().By(trusted).Composed().Titled("Un cas de confiance sous pseudonyme").UnderPseudonym("Plume Prudente"));
        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo Éditeur").WithRole(Roles.Moderator)));

        async Task<(string? Notice, string? Button)> ReadAsync(FormClient client, string url, string form)
        {
            var page = await client.GetDocumentAsync(url);
            return (page.QuerySelector("main .edit-review")?.TextContent.Trim(), page.QuerySelector($"{form} button[type=submit]:not([formaction]):not([name])")?.TextContent.Trim());
        }
        var novice = await _factory.SignedInAs(newcomer);
        Assert.Equal((review, "Envoyer pour relecture"), await ReadAsync(novice, CaseUrls.Edit(newcomersCase.Id), "form.case-form"));
        Assert.Equal((review, "Envoyer pour relecture"), await ReadAsync(novice, $"/cases/{newcomersCase.Id}/replies/{reply.Id}/edit", "main form.stacked"));
        var confident = await _factory.SignedInAs(trusted);
        Assert.Equal((null, "Enregistrer les modifications"), await ReadAsync(confident, CaseUrls.Edit(trustedCase.Id), "form.case-form"));
        Assert.Equal((null, "Enregistrer les modifications"), await ReadAsync(confident, $"/cases/{trustedCase.Id}/replies/{trustedReply.Id}/edit", "main form.stacked"));
        Assert.Equal((review, "Envoyer pour relecture"), await ReadAsync(confident, CaseUrls.Edit(pseudonymous.Id), "form.case-form"));
        Assert.Equal((null, "Enregistrer les modifications"), await ReadAsync(moderator, CaseUrls.Edit(newcomersCase.Id), "form.case-form"));
        // A follow-up under that pseudonym waits too; the notice says why, not "as for every new member" (she is not one).
        var followUp = await confident.GetDocumentAsync($"/cases/{pseudonymous.Id}/follow-ups");
        Assert.Equal("Un modérateur lit votre suite avant qu’elle n’apparaisse sur le cas\u00a0: un pseudonyme devient de confiance une fois quelques-unes de ses publications approuvées dans sa discussion.",
            followUp.QuerySelector("main .follow-up-review")?.TextContent.Trim());
        Assert.Equal("Envoyer pour relecture", followUp.QuerySelector("main form.stacked button[type=submit]")?.TextContent.Trim());

        // The form that comes back with an error says it still, and what the page said is what happens.
        var refused = await novice.SubmitAsync($"/cases/{newcomersCase.Id}/replies/{reply.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = "" }, "main form.stacked");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Envoyer pour relecture", FormClient.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("main form.stacked button[type=submit]")?.TextContent.Trim());
        await confident.SubmitAsync(CaseUrls.Edit(pseudonymous.Id), new Dictionary<string, string> { ["Input.Title"] = "Un titre proposé sous pseudonyme" }, "form.case-form");
        Assert.True(await _factory.Query(db => db.Set<PendingEdit>().AnyAsync(e => e.CaseId == pseudonymous.Id)));
    }

    [Fact]
    public async Task Trusted_members_and_moderators_edit_directly()
    {
        var trusted = await _factory.Seed(A.Member().Named("Confirmée").WithPublishedCases(3));
        var @case = await _factory.Seed(A.Case().By(trusted).Composed().Titled("Un cas d’une membre de confiance"));
        var newcomer = await _factory.Seed(A.Member().Named("Nouveau venu"));
        var newcomersCase = await _factory.Seed(A.Case().By(newcomer).Composed().Titled("Un cas d’un nouveau venu"));
        var moderator = await _factory.SignedInAs(await _factory.Seed(A.Member().Named("Modo direct").WithRole(Roles.Moderator)));

        await (await _factory.SignedInAs(trusted)).SubmitAsync($"/cases/{@case.Id}/edit",
            new Dictionary<string, string> { ["Input.Title"] = "Un cas corrigé directement" }, "form.case-form");
        await moderator.SubmitAsync($"/cases/{newcomersCase.Id}/edit", new Dictionary<string, string> { ["Input.Title"] = "Un cas corrigé par la modération" }, "form.case-form");

        var titles = await _factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id || c.Id == newcomersCase.Id)
            .OrderBy(c => c.Id).Select(c => c.Title).ToListAsync());
        Assert.Equal(["Un cas corrigé directement", "Un cas corrigé par la modération"], titles);
        Assert.False(await _factory.Query(db => db.Set<PendingEdit>().AnyAsync(e => e.CaseId == @case.Id || e.CaseId == newcomersCase.Id)));
    }
}
