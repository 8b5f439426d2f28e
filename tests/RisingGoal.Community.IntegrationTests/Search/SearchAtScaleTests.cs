using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// Search at any word and the index at scale (issue 19, items 4 and 5), on the configured provider (SQLite, or
/// PostgreSQL under tests/with-postgres), caching on.
/// </summary>
public sealed class SearchAtScaleTests
{
    [Fact]
    public async Task A_rebuild_in_batches_indexes_every_published_case_and_reply_and_nothing_else()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Reconstructrice").JoinedAt(now));
        var shown = (await app.Seed(A.Case().By(author).Titled("Un cas sur le wombat").Summarised("Résumé.").Saying("Le **wombat** creuse.").PublishedAt(now.AddHours(-3)))).Id;
        var hiddenCase = (await app.Seed(A.Case().By(author).Titled("Un cas masqué").Summarised("Résumé.").Saying("Le wombat se cache.").PublishedAt(now.AddHours(-2)))).Id;
        var reply = (await app.Seed(A.Reply().On(shown).By(author).Saying("Un ornithorynque répond.").At(now.AddHours(-1)))).Id;
        var hiddenReply = (await app.Seed(A.Reply().On(shown).By(author).Saying("Un ornithorynque masqué.").At(now))).Id;
        await app.ChangeCase(hiddenCase, c => c.Hide(now));
        await app.ChangeReply(hiddenReply, r => r.Hide(now));

        var reports = new List<RebuildReport>();
        var report = await app.InScopeAsync(sp => sp.GetRequiredService<ISearchIndex>()
            .RebuildAsync(sp.GetRequiredService<CommunityDbContext>(), CancellationToken.None, reports.Add));

        Assert.Equal((1, 1), (report.Cases, report.Replies));   // the hidden case and reply are not indexed
        Assert.Equal(report.Cases + report.Replies, reports[^1].Cases + reports[^1].Replies);
        var client = app.CreateFormClient("fr").Http;
        Assert.Equal([$"/cases/{shown}/un-cas-sur-le-wombat"], SearchPages.Links(await SearchPages.SearchAsync(client, "wombats")));
        var replies = await SearchPages.SearchAsync(client, "ornithorynque");
        Assert.Single(SearchPages.Links(replies));
        Assert.Contains(Features.Cases.CaseUrls.Reply(shown, reply), replies.QuerySelector("ol.search-hits")!.InnerHtml);   // the reply's permalink
        Assert.DoesNotContain("masqué", SearchPages.Text(replies));

        // A second rebuild replaces the entries, it does not add to them.
        var again = await app.InScopeAsync(sp => sp.GetRequiredService<ISearchIndex>().RebuildAsync(sp.GetRequiredService<CommunityDbContext>(), CancellationToken.None));
        Assert.Equal((1, 1), (again.Cases, again.Replies));
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(app.CreateFormClient("fr").Http, "wombat creuse")));
    }

    [SqliteOnlyFact]
    public async Task A_rebuild_gives_its_connection_back_with_the_usual_page_cache_and_fts5_settings()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Reglementaire").JoinedAt(now));
        await app.Seed(A.Case().By(author).Titled("Un cas sur le tatou").Summarised("Résumé.").Saying("Le tatou roule.").PublishedAt(now));

        // SQLite's own default, from a connection outside the pool (the start-up rebuild already used the pooled one).
        await using var fresh = new Microsoft.Data.Sqlite.SqliteConnection(
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ToString());
        await fresh.OpenAsync();
        await using var read = fresh.CreateCommand();
        read.CommandText = "SELECT cache_size FROM pragma_cache_size";
        var usual = (long)(await read.ExecuteScalarAsync())!;

        var (after, hashSize, autoMerge) = await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            // Held open, so the rebuild runs on this very connection, as a pooled one would be handed out again.
            await db.Database.OpenConnectionAsync();
            Task<long> Setting(string sql) => db.Database.SqlQueryRaw<long>(sql).SingleAsync();
            await sp.GetRequiredService<ISearchIndex>().RebuildAsync(db, CancellationToken.None);
            return (await Setting("SELECT cache_size AS Value FROM pragma_cache_size"), await Setting("SELECT v AS Value FROM SearchIndex_config WHERE k = 'hashsize'"),
                await Setting("SELECT v AS Value FROM SearchIndex_config WHERE k = 'automerge'"));
        });

        Assert.Equal(usual, after);   // not the rebuild's 128 MB, kept by every request served on that connection
        Assert.Equal(1024 * 1024, hashSize);   // FTS5's default: single re-indexes flush small segments
        Assert.Equal(4, autoMerge);   // FTS5's default: the small segments of later writes are merged early
        Assert.Single(SearchPages.Links(await SearchPages.SearchAsync(app.CreateFormClient("fr").Http, "tatou")));
    }

    [Fact]
    public async Task A_word_in_a_title_ranks_above_the_same_word_in_a_summary_and_in_a_newer_body()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Classeuse").JoinedAt(now));
        var inTitle = (await app.Seed(A.Case().By(author).Titled("Les quokkas du comité").Summarised("Un résumé.").Saying("Un corps sans le mot.").PublishedAt(now.AddDays(-3)))).Id;
        var inSummary = (await app.Seed(A.Case().By(author).Titled("Un autre cas").Summarised("Le quokka au résumé.").Saying("Un corps sans le mot.").PublishedAt(now.AddDays(-2)))).Id;
        var inBody = (await app.Seed(A.Case().By(author).Titled("Un troisième cas").Summarised("Un résumé.").Saying("Un quokka dans le corps.").PublishedAt(now.AddDays(-1)))).Id;

        var links = SearchPages.Links(await SearchPages.SearchAsync(app.CreateFormClient("fr").Http, "quokka"));
        Assert.Equal([inTitle, inSummary, inBody], links.Select(l => int.Parse(l.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// An index of the old shape (a copy of every text, positions) is dropped by the migration, not kept by
    /// "IF NOT EXISTS"; start-up finds the new one empty and fills it.
    /// </summary>
    [SqliteOnlyFact]
    public async Task The_migration_makes_the_index_contentless_and_start_up_fills_it_again()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().Named("Migratrice").JoinedAt(now));
        var id = (await app.Seed(A.Case().By(author).Titled("Un cas sur le okapi").Summarised("Résumé.").Saying("L’okapi broute.").PublishedAt(now))).Id;
        Task<string> TableSql() => app.Query(db => db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'SearchIndex'").SingleAsync());
        await app.Query(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_SearchContentless", StringComparison.Ordinal)) - 1]);
            return await db.Database.ExecuteSqlAsync($"INSERT INTO SearchIndex (rowid, case_id, reply_id, title, summary, body) VALUES ({2L * id}, {id}, NULL, 'Un cas sur le okapi', '', '')");
        });
        Assert.Contains("case_id UNINDEXED", await TableSql());   // the old shape, filled

        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);   // what start-up runs

        Assert.Contains("content = ''", await TableSql());
        Assert.DoesNotContain("case_id", await TableSql());
        var page = await SearchPages.SearchAsync(app.CreateFormClient("fr").Http, "okapi broute");   // the body: only the rebuild wrote it
        Assert.Equal([$"/cases/{id}/un-cas-sur-le-okapi"], SearchPages.Links(page));
    }
}
