using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Browse.Counts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// The matrix and tag counts are kept by the writes themselves (<see cref="CaseCountsEffect"/>): after every write
/// through the real handlers, the kept rows equal a fresh count from the cases, and the cached home shows them at once.
/// Caching on, as in production.
/// </summary>
public sealed class KeptCountsTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private const string Apparent = "apparent-alignment", Invisible = "invisible-trade-offs", Steering = "steering-without-regulation";
    private const string Ambition = "ambition-vs-execution", Framework = "framework-vs-culture", Delivery = "delivery-vs-scalability";

    private CommunityAppFactory App() => factory.With("Caching:Enabled", "true");

    [Fact]
    public async Task Every_write_through_the_handlers_keeps_the_counts_equal_to_a_fresh_count()
    {
        // A database of its own: the cells are checked by their exact counts, and the clock moves.
        using var own = new CommunityAppFactory();
        var app = own.With("Caching:Enabled", "true");
        var now = own.Clock.GetUtcNow().UtcDateTime;
        var tags = await TagIdsAsync(app);
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var author = await app.Seed(A.Member());
        var neighbour = await app.Seed(A.Member().Named("Voisine Comptée").JoinedAt(now.AddDays(-30)));
        var reader = (await app.SignedInAs(await app.Seed(A.Member().Named("Lecteur Compteur").JoinedAt(now.AddDays(-30))), followRedirects: true)).Http;
        await app.Seed(A.Case().By(neighbour).Titled("Cas voisin compté").PublishedAt(now.AddHours(-3)).Tagged(Apparent, Ambition, Framework));
        var id = (await app.Seed(A.Case().By(author).Titled("Cas compté").Pending()
            .With(c => c.SetTags([tags[Apparent], tags[Invisible], tags[Ambition], tags[Framework], tags["blurred-priorities"]])))).Id;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        await AssertKeptAsync(app, "held for review");
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Ambition));

        await ModerateAsync(app, moderator, "Approve", id);
        await AssertKeptAsync(app, "approved");
        Assert.Equal((2, 2), await CellAsync(client, reader, Apparent, Ambition));
        Assert.Equal((1, 1), await CellAsync(client, reader, Invisible, Framework));

        await ModerateAsync(app, moderator, "Retag", id, ("Input.TagIds[0]", tags[Apparent].ToString()), ("Input.TagIds[1]", tags[Delivery].ToString()),
            ("Input.TagIds[2]", tags[Framework].ToString()));
        await AssertKeptAsync(app, "retagged by a moderator");
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Ambition));
        Assert.Equal((0, 0), await CellAsync(client, reader, Invisible, Framework));

        // The cached home (warmed just above) drops the case at once when a moderator hides it.
        Assert.Equal((2, 2), await CellAsync(client, reader, Apparent, Framework));
        await ModerateAsync(app, moderator, "Hide", id);
        await AssertKeptAsync(app, "hidden");
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Framework));

        await ModerateAsync(app, moderator, "Unhide", id);
        await AssertKeptAsync(app, "unhidden");
        Assert.Equal((2, 2), await CellAsync(client, reader, Apparent, Framework));

        // A member not trusted yet: making the case members-only applies at once, the rest waits for review.
        var authorClient = await app.SignedInAs(author);
        await authorClient.EditOnPageAsync(id, ("Input.Visibility", "MembersOnly"));
        await AssertKeptAsync(app, "members-only");
        Assert.Equal((1, 2), await CellAsync(client, reader, Apparent, Framework));
        await ApproveEditAsync(app, moderator, id);
        await AssertKeptAsync(app, "members-only edit approved");

        await authorClient.EditOnPageAsync(id, ("Input.Visibility", "Public"), ("Input.DriftTagIds", tags[Steering].ToString()));
        await AssertKeptAsync(app, "edit proposed");
        await ApproveEditAsync(app, moderator, id);
        await AssertKeptAsync(app, "public again and retagged by an approved edit");
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Framework));
        Assert.Equal((1, 1), await CellAsync(client, reader, Steering, Framework));

        // Members-only until a date: visitors count the case again once the date has passed, with no write.
        var until = DateOnly.FromDateTime(now.AddDays(3));
        await authorClient.EditOnPageAsync(id, ("Input.Visibility", "MembersOnly"), ("Input.MembersOnlyUntil", until.ToString("yyyy-MM-dd")));
        await AssertKeptAsync(app, "members-only until a date");
        Assert.Equal((0, 1), await CellAsync(client, reader, Steering, Framework));
        own.Clock.Advance(TimeSpan.FromDays(4));
        // Read through the shared read model (timed on the test clock; the page store ages on the wall clock).
        Assert.Equal(1, await VisitorCellAsync(app, Steering, Framework));
        await AssertKeptAsync(app, "members-only period over");

        for (var i = 0; i < 3; i++)
        {
            var flagger = await app.Seed(A.Member().WithPublishedCases(3));
            var flagged = await (await app.SignedInAs(flagger)).SubmitAsync($"/flag/case/{id}",
                new Dictionary<string, string> { ["Input.Reason"] = "Abusive", ["Input.Text"] = "" });
            Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        }
        Assert.Equal(CaseStatus.Hidden, await StatusAsync(app, id));
        await AssertKeptAsync(app, "hidden by flags");
        Assert.Equal((0, 0), await CellAsync(client, reader, Steering, Framework));
        await ModerateAsync(app, moderator, "Dismiss", id);
        await AssertKeptAsync(app, "flags dismissed");
        Assert.Equal((1, 1), await CellAsync(client, reader, Steering, Framework));

        var deleted = await authorClient.PostWithTokenAsync($"/cases/{id}/edit", $"/cases/{id}/edit?handler=Delete", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await AssertKeptAsync(app, "deleted by its author");
        Assert.Equal((0, 0), await CellAsync(client, reader, Steering, Framework));

        var erased = await (await app.SignedInAs(neighbour)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        await AssertKeptAsync(app, "account deleted");   // the discussion stays, so do its counts
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Ambition));

        var rejected = (await app.Seed(A.Case().By(author).Titled("Cas refusé").Pending().With(c => c.SetTags([tags[Apparent], tags[Ambition]])))).Id;
        await ModerateAsync(app, moderator, "Reject", rejected, ("Input.Reason", "Spam"));
        Assert.Equal(CaseStatus.Rejected, await StatusAsync(app, rejected));
        await AssertKeptAsync(app, "rejected");
        Assert.Equal((1, 1), await CellAsync(client, reader, Apparent, Ambition));
    }

    [Fact]
    public async Task The_phone_list_counts_a_case_with_two_drift_types_once_under_its_tension()
    {
        var (app, now, author) = await WorldAsync("Autrice Liste");
        await app.Seed(A.Case().By(author).Titled("Deux dérives, une tension").PublishedAt(now.AddHours(-1)).Tagged(Apparent, Steering, Delivery));
        var delivery = (await TagIdsAsync(app))[Delivery];
        var expected = await app.Query(db => db.Set<Case>()
            .CountAsync(c => c.Status == CaseStatus.Published && c.Visibility == CaseVisibility.Public && c.Tags.Any(t => t.TagId == delivery)));

        var home = await BrowsePages.GetAsync(app.CreateClient(), "/");

        var section = home.QuerySelectorAll(".matrix-list .matrix-tension")
            .Single(s => s.QuerySelector("h3 a")!.GetAttribute("href")!.EndsWith("/" + Delivery, StringComparison.Ordinal));
        Assert.Equal(expected == 1 ? "1 cas" : $"{expected} cas", section.QuerySelector("h3 .count")!.TextContent.Trim());
        var tagPage = await BrowsePages.GetAsync(app.CreateClient(), $"/cases?tension={Delivery}");
        Assert.Equal(expected == 1 ? "1 cas" : $"{expected} cas", tagPage.QuerySelector("#cell-count")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_repair_puts_back_wrong_and_missing_counts_and_reports_them()
    {
        var (app, now, author) = await WorldAsync("Auteur Réparé");
        var tags = await TagIdsAsync(app);
        await app.Seed(A.Case().By(author).Titled("Cas à recompter").PublishedAt(now.AddHours(-1)).Tagged(Invisible, Delivery));
        await app.Query(async db =>
        {
            await db.Set<CaseCount>().Where(c => c.TagId == tags[Invisible] && c.PairTagId == tags[Delivery]).ExecuteDeleteAsync();
            return await db.Set<CaseCount>().Where(c => c.TagId == tags[Delivery] && c.PairTagId == 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, 99));
        });

        var report = await app.Query(db => CaseCountsRepair.RepairAsync(db, NullLogger.Instance, default));

        Assert.Contains(report.Changes, c => c.StartsWith($"tag {tags[Invisible]} × {tags[Delivery]} (public): kept 0,", StringComparison.Ordinal));
        Assert.Contains(report.Changes, c => c.StartsWith($"tag {tags[Delivery]} (public): kept 99,", StringComparison.Ordinal));
        await AssertKeptAsync(app, "repaired");
    }

    [Fact]
    public async Task The_migration_counts_the_cases_already_there()
    {
        var (app, now, author) = await WorldAsync("Autrice Migrée");
        await app.Seed(A.Case().By(author).Titled("Cas d’avant").PublishedAt(now.AddHours(-2)).Tagged(Apparent, Steering, Ambition, Framework));
        await app.Seed(A.Case().By(author).Titled("Cas réservé d’avant").PublishedAt(now.AddHours(-1)).Tagged(Apparent, Ambition).Visible(CaseVisibility.MembersOnly));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RisingGoal.Community.Infrastructure.Data.CommunityDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_MatrixCounts", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[index - 1]);   // as before the table existed: dropped
            await migrator.MigrateAsync(migrations[^1]);          // created again and filled from the cases (then any later ones)
        }

        var kept = await AssertKeptAsync(app, "migrated");
        Assert.Contains(kept, row => row.Contains("@0001-01-01", StringComparison.Ordinal));   // public cases
        Assert.Contains(kept, row => row.Contains("@9999-12-31", StringComparison.Ordinal));   // members-only ones
    }

    /// <summary>The app with caching on (the taxonomy imported at start-up), and an author with no case yet.</summary>
    private async Task<(CommunityAppFactory App, DateTime Now, Member Author)> WorldAsync(string authorName)
    {
        var app = App();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return (app, now, await app.Seed(A.Member().Named(authorName).JoinedAt(now.AddDays(-30))));
    }

    private static async Task<Dictionary<string, int>> TagIdsAsync(CommunityAppFactory app) =>
        await app.Query(db => db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id));

    private static Task<CaseStatus> StatusAsync(CommunityAppFactory app, int id) =>
        app.Query(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    /// <summary>The kept rows equal a fresh count from the cases (zero rows left out); returns them, each named by the step.</summary>
    private static async Task<List<string>> AssertKeptAsync(CommunityAppFactory app, string step)
    {
        var (kept, counted) = await app.Query(async db =>
            (await CaseCountsRepair.KeptAsync(db, default), await CaseCountsRepair.CountAsync(db, default)));
        List<string> Lines(IReadOnlyDictionary<(int Tag, int Pair, DateTime Opens), int> rows) =>
            rows.OrderBy(r => r.Key).Select(r => $"{step}: {r.Key.Tag}×{r.Key.Pair}@{r.Key.Opens:O}={r.Value}").ToList();
        var lines = Lines(kept);
        Assert.Equal(Lines(counted), lines);
        return lines;
    }

    /// <summary>The cell's count on the home page for a visitor, then for a member.</summary>
    private static async Task<(int Visitor, int Member)> CellAsync(HttpClient client, HttpClient member, string drift, string tension)
    {
        var visitor = await BrowsePages.GetAsync(client, "/");
        var signedIn = await BrowsePages.GetAsync(member, "/");
        return (BrowsePages.Cell(visitor, drift, tension).Count, BrowsePages.Cell(signedIn, drift, tension).Count);
    }

    private static async Task<int> VisitorCellAsync(CommunityAppFactory app, string drift, string tension)
    {
        using var scope = app.Services.CreateScope();
        var queries = scope.ServiceProvider.GetRequiredService<BrowseQueries>();
        var matrix = await queries.MatrixAsync(await queries.DimensionsAsync(), signedIn: false);
        return matrix.Count(matrix.Drifts.Single(d => d.Slug == drift), matrix.Tensions.Single(t => t.Slug == tension));
    }

    private static async Task ModerateAsync(CommunityAppFactory app, Member moderator, string handler, int id, params (string Key, string Value)[] extra)
    {
        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync());
        var fields = new Dictionary<string, string> { ["Input.Kind"] = "Case", ["Input.Id"] = id.ToString(), ["Input.Version"] = version.ToString() };
        foreach (var (key, value) in extra) fields[key] = value;
        var response = await (await app.SignedInAs(moderator)).PostWithTokenAsync("/moderation", $"/moderation?handler={handler}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task ApproveEditAsync(CommunityAppFactory app, Member moderator, int caseId)
    {
        var pending = await app.Query(db => db.Set<PendingEdit>().Where(e => e.CaseId == caseId).Select(e => e.Id).SingleAsync());
        var response = await (await app.SignedInAs(moderator)).SubmitAsync("/moderation", new Dictionary<string, string>(), $"#edit-{pending} form.approve-edit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
