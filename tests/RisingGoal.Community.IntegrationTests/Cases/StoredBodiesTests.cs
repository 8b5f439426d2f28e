using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// Stored HTML follows the renderer: bodies written by an older pipeline (here one that let an &lt;img&gt; through,
/// which the current one turns into a link) are re-rendered by the <c>rerender</c> command and at start-up.
/// </summary>
public sealed class StoredBodiesTests
{
    private const string PixelMarkdown = "Voir ![pixel](https://tracker.example/p.gif)";
    private static readonly RenderedMarkdown OldPipeline =
        new("<p>Voir <img src=\"https://tracker.example/p.gif\" alt=\"pixel\"></p>", MarkdownRenderer.Version - 1);

    private static async Task<(int CaseId, string Slug)> StoreOldBodiesAsync(CommunityAppFactory app)
    {
        // Written by hand, not through A.Case(): the builder renders with the current pipeline.
        var author = (await app.Seed(A.Member().Named("Autrice ancienne").JoinedAt(CommunityAppFactory.Start.UtcDateTime))).Id;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var now = CommunityAppFactory.Start.UtcDateTime;
        var @case = Case.Publish(author, new CaseText("Un cas rendu par l’ancien moteur", "Résumé.", PixelMarkdown, null, null), OldPipeline,
            new CaseContext(SizeBand.From51To200, Sector.Software, Stage.Established, null, 2, AuthorRole.Coach),
            null, CaseVisibility.Public, null, [], now);
        db.Add(@case);
        await db.SaveChangesAsync();
        db.Add(@case.AddReply(author, PixelMarkdown, OldPipeline, now)!);
        db.Add(@case.AddFollowUp(author, FollowUpStatus.Ongoing, PixelMarkdown, OldPipeline, now));
        await db.SaveChangesAsync();
        return (@case.Id, @case.Slug);
    }

    private static async Task<List<(string Html, int Version)>> StoredAsync(CommunityAppFactory app, int caseId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Body.Html, c.Body.RendererVersion }).SingleAsync();
        var replies = await db.Set<Reply>().AsNoTracking().Where(r => r.CaseId == caseId).Select(r => new { r.BodyHtml, r.RendererVersion }).ToListAsync();
        var followUps = await db.Set<FollowUp>().AsNoTracking().Where(f => f.CaseId == caseId).Select(f => new { f.BodyHtml, f.RendererVersion }).ToListAsync();
        return [(@case.Html, @case.RendererVersion), .. replies.Select(r => (r.BodyHtml, r.RendererVersion)), .. followUps.Select(f => (f.BodyHtml, f.RendererVersion))];
    }

    private static void AssertCurrent(List<(string Html, int Version)> stored)
    {
        Assert.Equal(3, stored.Count);
        Assert.All(stored, s =>
        {
            Assert.Equal(MarkdownRenderer.Version, s.Version);
            Assert.DoesNotContain("<img", s.Html);
            Assert.Contains("class=\"image-link\"", s.Html);
        });
    }

    [Fact]
    public async Task The_rerender_command_replaces_html_stored_by_an_older_renderer_and_the_cached_page_follows()
    {
        using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var client = app.CreateClient();
        var (caseId, slug) = await StoreOldBodiesAsync(app);
        var before = await client.GetStringAsync(CaseUrls.Read(caseId, slug));
        Assert.Contains("<img src=\"https://tracker.example/p.gif\"", before);   // the page shows what is stored (and caches it)

        var count = await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None);   // what `rerender` runs

        Assert.Equal(3, count);
        AssertCurrent(await StoredAsync(app, caseId));
        var after = await client.GetStringAsync(CaseUrls.Read(caseId, slug));
        Assert.DoesNotContain("<img", after);
        Assert.Contains("class=\"image-link\"", after);
        // Idempotent: a second run finds nothing to do.
        Assert.Equal(0, await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_rerender_command_as_an_operator_runs_it_brings_every_stored_body_up_to_date_and_a_second_run_changes_nothing()
    {
        using var app = new CommunityAppFactory();
        var (caseId, _) = await StoreOldBodiesAsync(app);

        Assert.Equal(0, await RerenderAsync(app));

        var stored = await StoredAsync(app, caseId);
        AssertCurrent(stored);
        Assert.Equal(0, await RerenderAsync(app));
        Assert.Equal(stored, await StoredAsync(app, caseId));
    }

    /// <summary>The command as an operator runs it: the app's entry point with <c>rerender</c> and this test's database.</summary>
    private static Task<int> RerenderAsync(CommunityAppFactory app) => ToolCommands.RunAppAsync([
        "rerender", "--environment=Development", $"--Database:Provider={TestDatabase.Provider}", $"--ConnectionStrings:Community={app.ConnectionString}",
        "--Community:DemoContent=false", "--Rerender:OnStartup=false", "--Logging:LogLevel:Default=Warning",
    ]);

    [Fact]
    public async Task A_re_rendered_reply_keeps_its_mention_links()
    {
        using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var client = app.CreateClient();
        var (caseId, slug) = await StoreOldBodiesAsync(app);
        // A reply from before mentions were recorded (none recorded with it): its names give whom to link.
        var written = ReplyMentionRecords.RecordedSinceUtc.AddDays(-1);
        var named = (await app.Seed(A.Member().Named("Léa Martin").JoinedAt(written.AddDays(-1)))).Id;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            db.Add(@case.AddReply(named, "Merci @Léa Martin pour la piste.", new RenderedMarkdown("<p>Merci <a href=\"/members/L%C3%A9a%20Martin\">@Léa Martin</a> pour la piste.</p>", MarkdownRenderer.Version - 1), written)!);
            await db.SaveChangesAsync();
        }

        await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None);

        using var check = app.Services.CreateScope();
        var html = await check.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<Reply>().AsNoTracking()
            .Where(r => r.CaseId == caseId && r.BodyMarkdown.Contains("@Léa")).Select(r => new { r.BodyHtml, r.RendererVersion }).SingleAsync();
        Assert.Equal(MarkdownRenderer.Version, html.RendererVersion);
        Assert.Contains("href=\"/members/L%C3%A9a%20Martin\"", html.BodyHtml);
        Assert.Contains("/members/L%C3%A9a%20Martin", await client.GetStringAsync(CaseUrls.Read(caseId, slug)));
    }

    [Fact]
    public async Task At_start_up_outdated_bodies_are_re_rendered_in_the_background_in_batches()
    {
        using var first = new CommunityAppFactory();
        _ = first.CreateClient();   // migrates
        var (caseId, _) = await StoreOldBodiesAsync(first);

        using var next = new CommunityAppFactory()
            .With("ConnectionStrings:Community", first.ConnectionString)
            .With("Rerender:OnStartup", "true")
            .With("Rerender:BatchSize", "1");   // every row in a batch of its own: the loop resumes after each commit
        _ = next.CreateClient();
        var worker = next.Services.GetServices<IHostedService>().OfType<StoredBodiesAtStartup>().Single();
        await worker.ExecuteTask!;

        AssertCurrent(await StoredAsync(next, caseId));
    }

    [Fact]
    public async Task The_start_up_re_rendering_waits_until_the_app_listens()
    {
        using var app = new CommunityAppFactory();
        _ = app.CreateClient();
        var (caseId, _) = await StoreOldBodiesAsync(app);
        var lifetime = new Microsoft.Extensions.Hosting.Internal.ApplicationLifetime(
            app.Services.GetRequiredService<ILogger<Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>>());
        using var worker = new StoredBodiesAtStartup(app.Services.GetRequiredService<StoredBodies>(),
            Options.Create(new RerenderOptions { OnStartup = true }), lifetime, app.Services.GetRequiredService<ILogger<StoredBodiesAtStartup>>());

        var listening = StoredBodiesAtStartup.ListeningAsync(lifetime, CancellationToken.None);
        await worker.StartAsync(CancellationToken.None);
        Assert.False(listening.IsCompleted);
        Assert.False(worker.ExecuteTask!.IsCompleted);
        Assert.Contains(await StoredAsync(app, caseId), stored => stored.Version != MarkdownRenderer.Version);

        lifetime.NotifyStarted();
        await listening;
        await worker.ExecuteTask;
        AssertCurrent(await StoredAsync(app, caseId));
    }
}
