using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// After posting (issue 15, item 6): a pending case shows no reactions, follow or reply box and offers the weekly
/// digest for its tags (one POST, never on by itself); a rejected case comes back to its author as a draft with the
/// moderator's reason, the mail says so and links the charter, and the draft resubmitted goes back to the queue.
/// </summary>
public sealed class ReturnedDraftTests : IClassFixture<HoldingMembersAppFactory>
{
    private readonly HoldingMembersAppFactory _factory;

    public ReturnedDraftTests(HoldingMembersAppFactory factory)
    {
        _factory = factory;
        factory.With("Caching:Enabled", "true");
    }

    private Task<FormClient> ClientAsync(RisingGoal.Community.Features.Accounts.Member member) => _factory.SignedInAs(member);

    [Fact]
    public async Task A_pending_case_offers_the_digest_and_a_rejected_one_comes_back_as_a_draft_to_resubmit()
    {
        var author = await _factory.Seed(A.Member().Named("Primo Auteur"));
        var moderator = await ClientAsync(await _factory.Seed(A.Member().Named("Modo Retour").WithRole(Roles.Moderator)));
        var client = await ClientAsync(author);
        var tags = await ComposedCase.TagIdsAsync(_factory);

        var posted = await client.SubmitAsync("/cases/new", await ComposedCase.FieldsAsync(_factory, "Un premier cas relu avant publication"), "main form.composer");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var caseUrl = posted.Headers.Location!.OriginalString;
        var caseId = await _factory.Query(db => db.Set<Case>().Where(c => c.AuthorId == author.Id).Select(c => c.Id).SingleAsync());

        // Pending: the notice, no reactions, follow or reply box; the digest offered with the case's tags ticked.
        var page = await client.GetDocumentAsync(caseUrl);
        Assert.NotNull(page.QuerySelector(".awaiting-review"));
        Assert.Null(page.QuerySelector("form[action*='handler=Resonate']"));
        Assert.Null(page.QuerySelector("form[action*='handler=Follow']"));
        Assert.Null(page.QuerySelector("#reply-form"));
        var offer = page.QuerySelector("#digest-offer")!;
        // Its tags are tensions and drift types: the title says both (it said "tensions" only).
        Assert.Contains("Recevoir un résumé hebdomadaire des tensions et types de dérive choisis\u202f?", offer.TextContent);
        Assert.NotNull(offer.QuerySelector($"input[name='tagIds'][value='{tags["centralisation-vs-autonomy"]}'][checked]"));
        Assert.NotNull(offer.QuerySelector($"input[name='tagIds'][value='{tags["apparent-alignment"]}'][checked]"));
        Assert.False(await _factory.Query(db => db.Set<DigestPreference>().AnyAsync(p => p.MemberId == author.Id)));   // never silently on
        Assert.Null((await moderator.GetDocumentAsync(caseUrl)).QuerySelector("#digest-offer"));   // the author's offer only

        var accepted = await client.SubmitAsync(caseUrl, new Dictionary<string, string>(), "#digest-offer form");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(caseUrl, accepted.Headers.Location?.OriginalString);
        var preference = await _factory.Query(db => db.Set<DigestPreference>().Include(p => p.FollowedTags).SingleAsync(p => p.MemberId == author.Id));
        Assert.Equal(DigestFrequency.Weekly, preference.Frequency);
        Assert.Equal(new[] { tags["apparent-alignment"], tags["centralisation-vs-autonomy"] }.Order(), preference.FollowedTags.Select(t => t.TagId).Order());
        Assert.Null((await client.GetDocumentAsync(caseUrl)).QuerySelector("#digest-offer"));   // offered once

        // The moderator rejects: the case comes back to its author as a draft, with the reason; the mail says so.
        var rejected = await moderator.SubmitAsync("/moderation", new Dictionary<string, string>
        {
            ["Input.Reason"] = nameof(RejectReason.IdentifiesSomeone),
            ["Input.Text"] = "Retirez le nom de l’usine.",
        }, $"#item-case-{caseId} form.reject");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        await _factory.Services.DrainOutboxAsync();
        var mail = Assert.Single(_factory.Mail.To(author.Email!), m => m.Subject == "Votre message n’a pas été publié");
        Assert.Contains("brouillons", mail.TextBody);
        Assert.Contains("/account/drafts", mail.TextBody);
        Assert.Contains("/pages/guidelines", mail.TextBody);

        var drafts = await client.GetDocumentAsync("/account/drafts");
        var link = drafts.QuerySelector("main a[href^='/cases/new?draft=']")!;
        Assert.Contains("rendu par un modérateur", drafts.QuerySelector("main")!.TextContent);
        var draft = await client.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Contains("Retirez le nom de l’usine.", draft.QuerySelector("#returned-draft")!.TextContent);
        Assert.Equal("Un premier cas relu avant publication", draft.QuerySelector("#Input_Title")!.GetAttribute("value"));
        // Refused because it identifies someone: the author confirms "names removed" again, after editing.
        Assert.False(NamesRemovedTicked(draft));

        // Edited and submitted again: a new case in the queue, the draft gone; approved, it is published.
        var resubmitted = await client.SubmitAsync(link.GetAttribute("href")!, new Dictionary<string, string>
        {
            ["Input.Title"] = "Un premier cas corrigé après relecture", ["Input.NamesRemoved"] = "true",
        }, "main form.composer");
        Assert.True(resubmitted.StatusCode == HttpStatusCode.Redirect, await resubmitted.Content.ReadAsStringAsync());
        var again = await _factory.Query(db => db.Set<Case>().Where(c => c.AuthorId == author.Id && c.Id != caseId)
            .Select(c => new { c.Id, c.Status }).SingleAsync());
        Assert.Equal(CaseStatus.Pending, again.Status);
        Assert.Equal(0, await _factory.Query(db => db.Set<Draft>().CountAsync(d => d.MemberId == author.Id)));
        var approved = await moderator.SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-case-{again.Id} form.approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(CaseStatus.Published, await _factory.Query(db => db.Set<Case>().Where(c => c.Id == again.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_trusted_author_resubmitting_a_returned_draft_still_goes_through_the_queue()
    {
        var author = await _factory.Seed(A.Member().Named("Membre Confirmé").WithPublishedCases(3));
        var moderator = await ClientAsync(await _factory.Seed(A.Member().Named("Modo Confiance").WithRole(Roles.Moderator)));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas de membre confirmé").Saying(string.Concat(Enumerable.Repeat("Le programme tournait bien, les revues aussi. ", 6))).Pending());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.Spam) }, $"#item-case-{@case.Id} form.reject")).StatusCode);
        var draftId = await _factory.Query(db => db.Set<Draft>().Where(d => d.RejectedCaseId == @case.Id).Select(d => d.Id).SingleAsync());

        var client = await ClientAsync(author);
        var tags = await ComposedCase.TagIdsAsync(_factory);
        var resubmitted = await client.SubmitAsync(CaseUrls.Draft(draftId), new Dictionary<string, string>
        {
            ["Input.Summary"] = "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.",
            ["Input.DriftTagIds"] = tags["apparent-alignment"].ToString(), ["Input.TensionTagIds"] = tags["centralisation-vs-autonomy"].ToString(),
            ["Input.NamesRemoved"] = "true",
        }, "main form.composer");
        Assert.True(resubmitted.StatusCode == HttpStatusCode.Redirect, await resubmitted.Content.ReadAsStringAsync());
        Assert.Equal(CaseStatus.Pending, await _factory.Query(db => db.Set<Case>()
            .Where(c => c.AuthorId == author.Id && c.Id != @case.Id && c.Title == "Un cas de membre confirmé").Select(c => c.Status).SingleAsync()));
    }

    private static bool NamesRemovedTicked(IHtmlDocument composer) =>
        composer.QuerySelector("main form.composer input[type=checkbox][name='Input.NamesRemoved']")!.HasAttribute("checked");

    [Fact]
    public async Task A_returned_draft_is_linked_from_my_cases_comes_back_ticked_and_a_saved_draft_keeps_what_was_ticked()
    {
        var author = await _factory.Seed(A.Member().Named("Autrice Cochée"));
        var moderator = await ClientAsync(await _factory.Seed(A.Member().Named("Modo Coche").WithRole(Roles.Moderator)));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas rendu avec sa confirmation").Pending());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.NotACase) }, $"#item-case-{@case.Id} form.reject")).StatusCode);
        var draftUrl = CaseUrls.Draft(await _factory.Query(db => db.Set<Draft>().Where(d => d.RejectedCaseId == @case.Id).Select(d => d.Id).SingleAsync()));

        // "My cases" leads to the draft to edit; the author had ticked the confirmation to publish: it shows ticked.
        var client = await ClientAsync(author);
        var mine = (await client.GetDocumentAsync("/account")).QuerySelector("#my-cases li")!;
        Assert.Equal(draftUrl, mine.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("rendu par un modérateur\u00a0: modifiez-le et soumettez-le de nouveau", mine.QuerySelector(".tag")!.TextContent.Trim());
        Assert.True(NamesRemovedTicked(await client.GetDocumentAsync(draftUrl)));

        // "Save draft" keeps what the author ticked, both ways.
        const string save = "button[formaction='/cases/drafts/save']";
        var unticked = await client.SubmitAsync(draftUrl, new Dictionary<string, string> { ["Input.NamesRemoved"] = "false" }, "main form.composer", pressed: save);
        Assert.Equal(HttpStatusCode.Redirect, unticked.StatusCode);
        Assert.False(NamesRemovedTicked(await client.GetDocumentAsync(draftUrl)));
        await client.SubmitAsync(draftUrl, new Dictionary<string, string> { ["Input.NamesRemoved"] = "true" }, "main form.composer", pressed: save);
        Assert.True(NamesRemovedTicked(await client.GetDocumentAsync(draftUrl)));
    }
}
