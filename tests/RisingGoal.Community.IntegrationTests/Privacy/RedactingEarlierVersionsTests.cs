using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// An author edits a company name out of their post; the name is then only in an earlier version (the revisions page,
/// an old URL, an edit awaiting review). A moderator can still redact it, and it is gone from there and from every surface.
/// Caching on: the pages are read right after the redaction returns.
/// </summary>
public sealed class RedactingEarlierVersionsTests
{
    private const string Company = "Quetzalia";

    private static CommunityAppFactory App() => new MembersAppFactory().With("Caching:Enabled", "true");

    private static Dictionary<string, string> RemoveCompany() => new()
    {
        ["Input.Find"] = Company, ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Entreprise identifiable",
    };

    [Fact]
    public async Task A_name_the_author_edited_out_of_a_case_is_redacted_from_its_revisions_old_url_and_every_surface()
    {
        await using var app = App();
        var author = await app.Seed(A.Member().Named("Autrice"));
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().By(author).Composed().Titled($"Chez {Company} SA, les silos sont revenus")
            .Saying(ComposedCase.Body.Replace("une équipe produit", $"l’équipe produit de {Company}")));
        var oldUrl = CaseUrls.Read(@case.Id, @case.Slug);
        Assert.Contains("quetzalia", oldUrl);
        var authorClient = await app.SignedInAs(author);
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Title"] = "Dans une PME, les silos sont revenus", ["Input.Body"] = ComposedCase.Body,
        })).StatusCode);
        var staff = await app.SignedInAs(moderator);
        Assert.Contains(Company, await authorClient.Http.GetStringAsync($"/cases/{@case.Id}/revisions"));   // only the earlier version says it

        var redaction = await staff.SubmitAsync($"/moderation/redact/case/{@case.Id}", RemoveCompany());

        Assert.Equal(HttpStatusCode.Redirect, redaction.StatusCode);
        var current = await app.Query(db => db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == @case.Id));
        Assert.Equal("Dans une PME, les silos sont revenus", current.Title);   // the published case was not touched
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var old = await visitor.GetAsync(oldUrl);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal(CaseUrls.Read(@case.Id, current.Slug), old.Headers.Location!.ToString());
        foreach (var html in new[]
                 {
                     await authorClient.Http.GetStringAsync($"/cases/{@case.Id}/revisions"),
                     await staff.Http.GetStringAsync($"/cases/{@case.Id}/revisions"),
                     await visitor.GetStringAsync(CaseUrls.Read(@case.Id, current.Slug)),
                     await authorClient.Http.GetStringAsync(CaseUrls.Read(@case.Id, current.Slug)),
                     await visitor.GetStringAsync("/search?q=silos"), await visitor.GetStringAsync("/feeds/cases.atom"),
                     await visitor.GetStringAsync("/cases"), await authorClient.Http.GetStringAsync("/account/export"),
                 })
            Assert.DoesNotContain(Company, html, StringComparison.OrdinalIgnoreCase);
        var revisions = await app.Query(db => db.Set<CaseRevision>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync());
        Assert.NotEmpty(revisions);
        Assert.All(revisions, r => Assert.False(r.Carries(Company)));
    }

    [Fact]
    public async Task A_name_left_only_in_a_replys_earlier_version_or_its_edit_awaiting_review_is_redacted()
    {
        await using var app = App();
        var author = await app.Seed(A.Member());
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await app.Seed(A.Case().Composed());
        var reply = await app.Seed(A.Reply().On(@case).By(author).Saying($"Chez {Company}, même chose."));
        var authorClient = await app.SignedInAs(author);
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync($"/cases/{@case.Id}/replies/{reply.Id}/edit",
            new Dictionary<string, string> { ["Input.Body"] = "Chez nous, même chose." })).StatusCode);
        var other = await app.Seed(A.Reply().On(@case).By(author).Saying("Une autre réponse."));
        await app.Query(db =>
        {
            db.Add(PendingEdit.ForReply(@case.Id, other.Id, author.Id, $"Une autre réponse, chez {Company}.", [], app.Clock.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        var staff = await app.SignedInAs(moderator);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync($"/moderation/redact/reply/{reply.Id}", RemoveCompany())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync($"/moderation/redact/reply/{other.Id}", RemoveCompany())).StatusCode);

        var (revisions, edits, bodies) = await app.Query(async db => (
            await db.Set<ReplyRevision>().AsNoTracking().Where(r => r.ReplyId == reply.Id).Select(r => r.BodyMarkdown).ToListAsync(),
            await db.Set<PendingEdit>().AsNoTracking().Where(e => e.ReplyId == other.Id).Select(e => e.BodyMarkdown).ToListAsync(),
            await db.Set<Reply>().AsNoTracking().Where(r => r.CaseId == @case.Id).Select(r => r.BodyMarkdown + r.BodyHtml).ToListAsync()));
        Assert.NotEmpty(revisions);
        Assert.Single(edits);
        Assert.All(revisions.Concat(edits).Concat(bodies), text => Assert.DoesNotContain(Company, text));
        Assert.DoesNotContain(Company, await authorClient.Http.GetStringAsync(CaseUrls.Read(@case.Id, @case.Slug)));
        Assert.DoesNotContain(Company, await authorClient.Http.GetStringAsync("/account/export"));
    }
}
