using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// The views' &lt;cache&gt; fragments live in the framework's own cache, whose default budget (100 MB of UTF-16) was
/// most of a member run's live heap. The app's budget is the one the running cache enforces.
/// </summary>
public sealed class FragmentBudgetTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public void The_fragment_cache_refuses_what_exceeds_the_apps_budget_and_keeps_what_fits()
    {
        var cache = factory.Services.GetRequiredService<CacheTagHelperMemoryCacheFactory>().Cache;

        cache.Set("over-budget", "x", new MemoryCacheEntryOptions { Size = WebSetup.FragmentBudgetBytes + 1 });
        cache.Set("within-budget", "y", new MemoryCacheEntryOptions { Size = WebSetup.FragmentBudgetBytes / 2 });

        Assert.False(cache.TryGetValue("over-budget", out _));
        Assert.True(cache.TryGetValue("within-budget", out _));
        cache.Remove("within-budget");
    }
}
