using RisingGoal.Community.IntegrationTests.Cases;
using static RisingGoal.Community.IntegrationTests.Browse.BrowsePages;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>Demo content imported at start-up is searchable (and listed in the feed) without any edit.</summary>
public sealed class DemoSearchTests(DemoContentFactory factory) : IClassFixture<DemoContentFactory>
{
    [Fact]
    public async Task Demo_cases_are_found_by_a_word_of_their_text_without_accents()
    {
        var client = factory.CreateClient();
        var page = await GetAsync(client, "/search?q=silos+reconstruit");
        Assert.Contains(SearchPages.Links(page), l => l.Contains("trois-cycles-okr-impeccables"));
        var feed = await client.GetStringAsync("/feeds/cases.atom");
        Assert.Contains("Coach de passage", feed);
    }
}
