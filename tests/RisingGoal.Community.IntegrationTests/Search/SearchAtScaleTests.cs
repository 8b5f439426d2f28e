using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Digests;
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
        await new BrowseData(app.Services).TaxonomyAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await new BrowseData(app.Services).MemberAsync("Reconstructrice", now);
        var data = new SearchData(app.Services);
        var shown = await data.CaseAsync(author, "Un cas sur le wombat", "Résumé.", "Le **wombat** creuse.", now.AddHours(-3));
        var hiddenCase = await data.CaseAsync(author, "Un cas masqué", "Résumé.", "Le wombat se cache.", now.AddHours(-2));
        var reply = await data.ReplyAsync(shown, author, "Un ornithorynque répond.", now.AddHours(-1));
        var hiddenReply = await data.ReplyAsync(shown, author, "Un ornithorynque masqué.", now);
        await data.ChangeCaseAsync(hiddenCase, (c, _) => c.Hide(now));
        await data.ChangeReplyAsync(hiddenReply, r => r.Hide(now));

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

    [Fact]
    public async Task A_word_in_a_title_ranks_above_the_same_word_in_a_summary_and_in_a_newer_body()
    {
        await using var app = new CommunityAppFactory().With("Caching:Enabled", "true");
        await new BrowseData(app.Services).TaxonomyAsync();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await new BrowseData(app.Services).MemberAsync("Classeuse", now);
        var data = new SearchData(app.Services);
        var inTitle = await data.CaseAsync(author, "Les quokkas du comité", "Un résumé.", "Un corps sans le mot.", now.AddDays(-3));
        var inSummary = await data.CaseAsync(author, "Un autre cas", "Le quokka au résumé.", "Un corps sans le mot.", now.AddDays(-2));
        var inBody = await data.CaseAsync(author, "Un troisième cas", "Un résumé.", "Un quokka dans le corps.", now.AddDays(-1));

        var links = SearchPages.Links(await SearchPages.SearchAsync(app.CreateFormClient("fr").Http, "quokka"));
        Assert.Equal([inTitle, inSummary, inBody], links.Select(l => int.Parse(l.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
