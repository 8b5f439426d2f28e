using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Shared;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Browse;

/// <summary>A member's kept page lives no longer than the data it shows, and one second when that data is past its lifetime.</summary>
public sealed class MemberPageLifetimeTests : IDisposable
{
    private const string Page = "<!DOCTYPE html><html><body>page</body></html>";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 5, 6, 7, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider();
    private readonly CachingOptions _options = new() { Enabled = true, Seconds = 30 };
    private readonly MemberPages _pages;

    public MemberPageLifetimeTests()
    {
        var cases = new CaseCache(_services.GetRequiredService<IOutputCacheStore>(), _options, new SingleInstanceEvictionBus(), _clock);
        _pages = new MemberPages(_options, _clock, cases, new CacheMetrics());
    }

    public void Dispose()
    {
        _pages.Dispose();
        _services.Dispose();
    }

    private bool Kept() => _pages.TryGet("page", _pages.Generation, out _);

    private void Store(DateTimeOffset oldestRead)
    {
        ReadAge.Begin().Used(oldestRead);
        _pages.Store("page", _pages.Generation, Page, MemberHoles.Cut(Page, "no-token"), "member-id");
    }

    [Fact]
    public void A_page_built_from_data_read_20_seconds_ago_is_kept_10_seconds()
    {
        Store(_clock.GetUtcNow().AddSeconds(-20));
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.True(Kept());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(Kept());
    }

    /// <summary>
    /// A stale read model served while one reader refreshes it: the page is kept one second, so every member page
    /// meanwhile is not rendered again, and rendered again after (from the refreshed read model by then).
    /// </summary>
    [Fact]
    public void A_page_built_from_expired_data_is_kept_one_second()
    {
        Store(_clock.GetUtcNow().AddSeconds(-31));
        Assert.True(Kept());
        _clock.Advance(ReadAge.StaleGrace);
        Assert.False(Kept());
    }
}
