using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
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
        Assert.Equal(kept, rebuilt);
        Assert.Equal(3, rebuilt.Count);   // the case, its reply and the redacted reply; not the hidden case nor the hidden reply
        var client = app.CreateFormClient("fr").Http;
        foreach (var word in new[] { "wombats", "quokka", "galerie", "budgetaires", "ornithorynque", "tamanoir", "axolotl" })
            Assert.Contains($"/cases/{shown.Id}/", string.Join(" ", SearchPages.Links(await SearchPages.SearchAsync(client, word))));
        Assert.Contains(CaseUrls.Reply(shown.Id, reply.Id), (await SearchPages.SearchAsync(client, "axolotl")).QuerySelector("ol.search-hits")!.InnerHtml);
        foreach (var gone in new[] { "pangolin", "fennec", "Zéphyrine", "Dupont-Secret" })
            Assert.Empty(SearchPages.Links(await SearchPages.SearchAsync(client, gone)));
        Assert.DoesNotContain(rebuilt, e => e.Body.Contains("Zéphyrine", StringComparison.Ordinal) || e.Body.Contains("pangolin", StringComparison.Ordinal));
    }

    /// <summary>The command as an operator runs it: the app's entry point with <c>reindex</c> and this test's database.</summary>
    private static Task<int> ReindexAsync(CommunityAppFactory app) => ToolCommands.RunAppAsync([
        "reindex", "--environment=Development", $"--Database:Provider={TestDatabase.Provider}", $"--ConnectionStrings:Community={app.ConnectionString}",
        "--Community:DemoContent=false", "--Rerender:OnStartup=false", "--Logging:LogLevel:Default=Warning",
    ]);

    private sealed record Entry(long Key, string Title, string Summary, string Body);

    /// <summary>Every entry of the index, in key order, as the provider stores it.</summary>
    private static Task<List<Entry>> EntriesAsync(CommunityAppFactory app) => app.Query(db => (TestDatabase.IsPostgres
            ? db.Database.SqlQueryRaw<Entry>("SELECT \"Key\", \"Title\", \"Summary\", \"Body\" FROM \"SearchIndex\" ORDER BY \"Key\"")
            : db.Database.SqlQueryRaw<Entry>("SELECT rowid AS \"Key\", title AS \"Title\", summary AS \"Summary\", body AS \"Body\" FROM SearchIndex ORDER BY rowid"))
        .ToListAsync());
}
