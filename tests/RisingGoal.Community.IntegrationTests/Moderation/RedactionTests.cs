using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

public sealed class RedactionTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;
    private readonly TimeProvider _clock;

    public RedactionTests(CommunityAppFactory factory)
    {
        _factory = factory;
        _clock = factory.Clock;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    private IServiceProvider Services => _factory.Services;

    [Fact]
    public async Task Redacting_a_case_rewrites_every_revision_and_the_stored_html_and_logs_without_the_text()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Chez Dupontel SA, des OKR sans tension").Saying("Le DG de **Dupontel SA** pilotait tout."));
        await _factory.Query(async db =>
        {
            var tracked = await db.Set<Case>().Include(c => c.Tags).SingleAsync(c => c.Id == @case.Id);
            var text = new CaseText("Chez Dupontel SA, des OKR sans tension", "Résumé : dupontel sa encore.", "Version 2 chez Dupontel SA.", null, null);
            db.Add(tracked.Edit(author.Id, text, new MarkdownRenderer().Render(text.BodyMarkdown),
                new CaseContext(SizeBand.From51To200, Sector.Software, Stage.ScaleUp, null, 2, AuthorRole.Coach), [], "ajout", Now));
            return await db.SaveChangesAsync();
        });
        var client = await _factory.SignedInAs(moderator);

        var response = await client.SubmitAsync($"/moderation/redact/case/{@case.Id}", new Dictionary<string, string>
        {
            ["Input.Find"] = "Dupontel SA", ["Input.Replacement"] = "[une entreprise]",
            ["Input.PublicReason"] = "Identifying details", ["Input.PrivateNote"] = "the company was named",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (saved, revisions, log) = await _factory.Query(async db => (
            await db.Set<Case>().AsNoTracking().SingleAsync(c => c.Id == @case.Id),
            await db.Set<CaseRevision>().AsNoTracking().Where(r => r.CaseId == @case.Id).ToListAsync(),
            await db.Set<ModerationLogEntry>().AsNoTracking().Where(e => e.CaseId == @case.Id).ToListAsync()));
        Assert.False(saved.Carries("Dupontel"));
        Assert.DoesNotContain("Dupontel", saved.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[une entreprise]", saved.BodyHtml);
        Assert.DoesNotContain("dupontel", saved.Slug);
        Assert.NotEmpty(revisions);
        Assert.All(revisions, r => Assert.DoesNotContain("dupontel", r.Title + r.Summary + r.BodyMarkdown, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(log, e => e.Action == ModerationAction.Redact);
        Assert.Contains(log, e => e.Action == ModerationAction.PurgeRevisions);
        Assert.All(log, e => Assert.DoesNotContain("Dupontel", e.PublicReason + e.PrivateNote, StringComparison.OrdinalIgnoreCase));

        var publicLog = await _factory.CreateFormClient().Http.GetStringAsync("/moderation/log");
        Assert.DoesNotContain("Dupontel", publicLog, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("the company was named", publicLog);
        Assert.Contains("Identifying details", publicLog);
    }

    [Fact]
    public async Task Editing_a_reply_by_hand_purges_its_revisions()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author));
        var reply = await _factory.Seed(A.Reply().On(@case.Id).By(author).Saying("Jean Martin m'a dit 42 M€."));
        await _factory.Query(async db =>
        {
            var tracked = await db.Set<Reply>().SingleAsync(r => r.Id == reply.Id);
            db.Add(tracked.Edit(author.Id, "Jean Martin m'a dit 43 M€.", new MarkdownRenderer().Render("x"), Now));
            return await db.SaveChangesAsync();
        });

        var response = await (await _factory.SignedInAs(moderator)).SubmitAsync($"/moderation/redact/reply/{reply.Id}",
            new Dictionary<string, string> { ["Input.Find"] = "", ["Input.NewMarkdown"] = "Un dirigeant m'a donné un chiffre." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (saved, revisions) = await _factory.Query(async db => (
            await db.Set<Reply>().AsNoTracking().SingleAsync(r => r.Id == reply.Id),
            await db.Set<ReplyRevision>().CountAsync(r => r.ReplyId == reply.Id)));
        Assert.Equal("Un dirigeant m'a donné un chiffre.", saved.BodyMarkdown);
        Assert.DoesNotContain("Martin", saved.BodyHtml);
        Assert.Equal(0, revisions);
    }

    [Fact]
    public async Task Text_that_is_not_in_the_post_is_refused_at_the_field()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author));
        var response = await (await _factory.SignedInAs(moderator, "en")).SubmitAsync($"/moderation/redact/case/{@case.Id}",
            new Dictionary<string, string> { ["Input.Find"] = "Nowhere Ltd" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This text appears neither in the post nor in its earlier versions.", await response.Content.ReadAsStringAsync());
    }
}
