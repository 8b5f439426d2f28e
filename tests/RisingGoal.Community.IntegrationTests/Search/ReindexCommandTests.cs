using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>
/// <c>dotnet RisingGoal.Community.dll reindex</c> (issue 19, item 5), run through the app's own entry point on the test's
/// database (SQLite, or PostgreSQL under tests/with-postgres): the rebuilt index holds exactly the entries the writes
/// kept, and nothing hidden or redacted comes back.
/// </summary>
public sealed class ReindexCommandTests
{
    [Fact]
    public async Task The_reindex_command_rebuilds_entry_for_entry_the_index_that_writes_keep_without_hidden_or_redacted_text()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Reindexeuse"));
        var shown = await app.Seed(A.Case().By(author).Titled("Les wombats du comité").Summarised("Un résumé sur les quokkas.")
            .Saying("## Partie 1\n\nLe **wombat** creuse des *galeries* budgétaires.\n\n| Trimestre | Statut |\n|---|---|\n| T1 | ornithorynque |\n")
            .Concluding("Une issue en tamanoir.", "Qu’auriez-vous fait ?"));
        var hidden = await app.Seed(A.Case().By(author).Titled("Un cas masqué").Saying("Le pangolin se cache."));
        var reply = await app.Seed(A.Reply().On(shown).By(author).Saying("Un *axolotl* répond & insiste."));
        var hiddenReply = await app.Seed(A.Reply().On(shown).By(author).Saying("Un fennec masqué."));
        var redacted = await app.Seed(A.Reply().On(shown).By(author).Saying("Mon nom est Zéphyrine Dupont-Secret."));
        var renderer = app.Services.GetRequiredService<MarkdownRenderer>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.Query(async db =>
        {
            (await db.Set<Case>().SingleAsync(c => c.Id == hidden.Id)).Hide(now);
            (await db.Set<Reply>().SingleAsync(r => r.Id == hiddenReply.Id)).Hide(now);
            (await db.Set<Reply>().SingleAsync(r => r.Id == redacted.Id)).Redact("Zéphyrine Dupont-Secret", "[retiré]", renderer.Render, now);
            return await db.SaveChangesAsync();
        });
        var kept = await EntriesAsync(app);

        Assert.Equal(0, await ReindexAsync(app));

        var rebuilt = await EntriesAsync(app);
        Assert.Equal(kept.Keys, rebuilt.Keys);
        Assert.Equal(kept.Words, rebuilt.Words);
        Assert.Equal(3, rebuilt.Keys.Count);   // the case, its reply and the redacted reply; not the hidden case nor the hidden reply
        var client = app.CreateFormClient("fr").Http;
        foreach (var word in new[] { "wombats", "quokka", "galerie", "budgetaires", "ornithorynque", "tamanoir", "axolotl" })
            Assert.Contains($"/cases/{shown.Id}/", string.Join(" ", SearchPages.Links(await SearchPages.SearchAsync(client, word))));
        Assert.Contains(CaseUrls.Reply(shown.Id, reply.Id), (await SearchPages.SearchAsync(client, "axolotl")).QuerySelector("ol.search-hits")!.InnerHtml);
        foreach (var gone in new[] { "pangolin", "fennec", "Zéphyrine", "Dupont-Secret" })
            Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, gone)));
        Assert.DoesNotContain(rebuilt.Words, w => Snippets.Fold(w).Contains("zephyrine", StringComparison.Ordinal) || w.Contains("pangolin", StringComparison.Ordinal));
    }

    /// <summary>
    /// A hidden case's replies leave the index with it (PostgreSQL's table kept their text) and come back with it, its
    /// hidden reply excepted; an edit of a published case leaves them alone; a rebuild holds the same entries.
    /// </summary>
    [Fact]
    public async Task A_cases_replies_leave_the_index_and_come_back_with_it_and_a_rebuild_agrees()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Masqueuse"));
        var other = await app.Seed(A.Case().By(author).Titled("Un cas qui reste"));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas qui part et revient"));
        var reply = await app.Seed(A.Reply().On(@case).By(author).Saying("Une réponse publiée."));
        var hiddenReply = await app.Seed(A.Reply().On(@case).By(author).Saying("Une réponse masquée."));
        var otherReply = await app.Seed(A.Reply().On(other).By(author).Saying("Une réponse ailleurs."));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.Query(async db =>
        {
            (await db.Set<Reply>().SingleAsync(r => r.Id == hiddenReply.Id)).Hide(now);
            return await db.SaveChangesAsync();
        });
        long[] Keys(params (int CaseId, int? ReplyId)[] entries) =>
            [.. entries.Select(e => e.ReplyId is { } r ? 2L * r + 1 : 2L * e.CaseId).Order()];
        var everything = Keys((other.Id, null), (other.Id, otherReply.Id), (@case.Id, null), (@case.Id, reply.Id));
        Assert.Equal(everything, (await EntriesAsync(app)).Keys);

        await app.ChangeCase(@case.Id, c => c.Hide(now));
        Assert.Equal(Keys((other.Id, null), (other.Id, otherReply.Id)), (await EntriesAsync(app)).Keys);
        Assert.Equal(0, await ReindexAsync(app));
        Assert.Equal(Keys((other.Id, null), (other.Id, otherReply.Id)), (await EntriesAsync(app)).Keys);

        await app.ChangeCase(@case.Id, c => c.Unhide());
        Assert.Equal(everything, (await EntriesAsync(app)).Keys);
        Assert.Equal(0, await ReindexAsync(app));
        Assert.Equal(everything, (await EntriesAsync(app)).Keys);
    }

    /// <summary>The command as an operator runs it: the app's entry point with <c>reindex</c> and this test's database.</summary>
    private static Task<int> ReindexAsync(CommunityAppFactory app) => ToolCommands.RunAppAsync([
        "reindex", "--environment=Development", $"--Database:Provider={TestDatabase.Provider}", $"--ConnectionStrings:Community={app.ConnectionString}",
        "--Community:DemoContent=false", "--Rerender:OnStartup=false", "--Logging:LogLevel:Default=Warning",
    ]);

    private sealed record Entry(long Key, string Title, string Summary, string Body);

    /// <summary>The index's keys and what it holds of their text.</summary>
    private sealed record Snapshot(List<long> Keys, List<string> Words);

    /// <summary>
    /// Every entry of the index, in key order, as the provider stores it: PostgreSQL keeps each entry's text; SQLite's
    /// contentless index keeps only keys, and its words with how many entries hold each (fts5vocab).
    /// </summary>
    private static Task<Snapshot> EntriesAsync(CommunityAppFactory app) => app.Query(async db =>
    {
        if (TestDatabase.IsPostgres)
        {
            var entries = await db.Database.SqlQueryRaw<Entry>("SELECT \"Key\", \"Title\", \"Summary\", \"Body\" FROM \"SearchIndex\" ORDER BY \"Key\"").ToListAsync();
            return new Snapshot(entries.Select(e => e.Key).ToList(), entries.Select(e => $"{e.Title}|{e.Summary}|{e.Body}").ToList());
        }
        await db.Database.OpenConnectionAsync();   // the vocabulary table is the connection's own
        await db.Database.ExecuteSqlRawAsync("CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchIndexWords USING fts5vocab(main, SearchIndex, row)");
        return new Snapshot(
            await db.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM SearchIndex ORDER BY rowid").ToListAsync(),
            await db.Database.SqlQueryRaw<string>("SELECT term || ' ' || doc AS Value FROM temp.SearchIndexWords ORDER BY term").ToListAsync());
    });
}
