using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>The search index asked directly, for tests that need a small candidate window.</summary>
public static class SearchCalls
{
    public static async Task<SearchResults> SearchIndexAsync(this CommunityAppFactory app, string q, bool signedIn, int maxCandidates)
    {
        using var scope = app.Services.CreateScope();
        var index = scope.ServiceProvider.GetRequiredService<ISearchIndex>();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var request = new SearchRequest(SearchQueryText.Terms(q), signedIn, now, null, null, 1, 20) { MaxCandidates = maxCandidates };
        return await index.SearchAsync(scope.ServiceProvider.GetRequiredService<CommunityDbContext>(), request, CancellationToken.None);
    }
}
