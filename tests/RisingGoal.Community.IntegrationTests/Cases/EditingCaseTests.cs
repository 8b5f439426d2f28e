using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

public sealed class EditingCaseTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task An_edit_keeps_a_revision_and_the_diff_page_shows_it()
    {
        var author = await factory.Seed(A.Member().Named("Révision"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas à corriger"));
        var client = await factory.SignedInAs(author);
        var body = ComposedCase.Body.Replace("être synchronisé ne suffit pas.", "être synchronisé ne suffit jamais.");

        var saved = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string>
        {
            ["Input.Body"] = body, ["Input.EditReason"] = "précision",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var revision = await factory.Query(db => db.Set<CaseRevision>().SingleAsync(r => r.CaseId == @case.Id));
        Assert.Equal(author.Id, revision.EditorId);
        Assert.Equal(ComposedCase.Body, revision.BodyMarkdown);
        var page = await client.GetDocumentAsync($"/cases/{@case.Id}/revisions");
        Assert.Equal("être synchronisé ne suffit pas.", page.QuerySelector("ol.diff li.removed del")!.TextContent);
        Assert.Equal("être synchronisé ne suffit jamais.", page.QuerySelector("ol.diff li.added ins")!.TextContent);
    }

    [Fact]
    public async Task After_the_no_script_preview_the_edit_form_saves_instead_of_previewing_again()
    {
        var author = await factory.Seed(A.Member().Named("Aperçu Puis Enregistre"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas revu après un aperçu"));
        var client = await factory.SignedInAs(author);
        var fields = new Dictionary<string, string> { ["Input.Title"] = "Un cas corrigé après un aperçu" };
        var preview = FormClient.Parse(await (await client.SubmitAsync($"/cases/{@case.Id}/edit", fields, "form.composer", pressed: WritingCaseTests.PreviewButton))
            .Content.ReadAsStringAsync());

        var saved = await client.SubmitAsync(preview, $"/cases/{@case.Id}/edit?handler=Preview", new Dictionary<string, string>(), "form.composer");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Un cas corrigé après un aperçu", await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task Another_member_gets_403_on_a_case_or_a_reply_that_is_not_theirs_but_a_moderator_may_edit()
    {
        var author = await factory.Seed(A.Member().Named("Proprio"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas qui n'est pas à vous"));
        var authorClient = await factory.SignedInAs(author);
        await authorClient.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug), new Dictionary<string, string> { ["Reply.Body"] = "ma réponse" }, "form.reply-form");
        var replyId = await factory.Query(db => db.Set<Reply>().Where(r => r.CaseId == @case.Id).Select(r => r.Id).SingleAsync());

        var other = await factory.SignedInAs(await factory.Seed(A.Member().Named("Intrus")));
        AssertForbidden(await other.Http.GetAsync($"/cases/{@case.Id}/edit"));
        AssertForbidden(await other.Http.GetAsync($"/cases/{@case.Id}/replies/{replyId}/edit"));
        AssertForbidden(await other.Http.GetAsync($"/cases/{@case.Id}/revisions"));
        var post = await other.PostWithTokenAsync(CaseUrls.Read(@case.Id, @case.Slug), $"/cases/{@case.Id}/edit?handler=Delete", new Dictionary<string, string>());
        AssertForbidden(post);

        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modo").WithRole(Roles.Moderator)));
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.GetAsync($"/cases/{@case.Id}/edit")).StatusCode);
    }

    /// <summary>Forbid() answers a real 403 with the localised error page (never a redirect).</summary>
    private static void AssertForbidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = FormClient.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.Equal("Accès refusé", page.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_follow_up_updates_the_case_status()
    {
        var author = await factory.Seed(A.Member().Named("Suite"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas avec une suite"));
        var client = await factory.SignedInAs(author);
        var response = await client.SubmitAsync($"/cases/{@case.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Corrected), ["Input.Body"] = "nous avons changé le cadre de décision.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Contains("Corrigé", page.QuerySelector(".follow-up .meta")!.TextContent);
        Assert.Equal(FollowUpStatus.Corrected, await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.LatestFollowUpStatus).SingleAsync()));
    }

    [Fact]
    public async Task Erasing_a_member_keeps_the_content_under_former_member_and_drops_reactions()
    {
        var author = await factory.Seed(A.Member().Named("Partant"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas dont l'auteur part"));
        var client = await factory.SignedInAs(author);
        await client.PostWithTokenAsync(CaseUrls.Read(@case.Id, @case.Slug), $"/cases/{@case.Id}/reactions?handler=Resonate", new Dictionary<string, string> { ["on"] = "true" });

        using (var scope = factory.Services.CreateScope())
        {
            var data = scope.ServiceProvider.GetServices<IPersonalData>().Single(p => p is CasePersonalData);
            var (section, export) = await data.ExportAsync(author.Id, CancellationToken.None);
            Assert.Equal("cases", section);
            Assert.Contains("Un cas dont l", System.Text.Json.JsonSerializer.Serialize(export));
            await data.EraseAsync(author.Id, CancellationToken.None);
        }

        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Equal("Ancien membre", page.QuerySelector("header .byline")!.TextContent);
        Assert.Equal("0", page.QuerySelector(".resonance-count")!.TextContent);
    }
}
