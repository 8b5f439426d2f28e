using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Browse;

/// <summary>The page store keeps a page no longer than what remains of the lifetime of the data it shows.</summary>
public sealed class PageLifetimeTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 5, 6, 7, 0, 0, TimeSpan.Zero));
    private readonly CachingOptions _options = new() { Enabled = true, Seconds = 30 };

    private sealed class Recorder : IOutputCacheStore
    {
        public List<TimeSpan> Stored { get; } = [];
        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            Stored.Add(validFor);
            return ValueTask.CompletedTask;
        }
    }

    private async Task<List<TimeSpan>> StoreAsync(DateTimeOffset? oldestRead)
    {
        var inner = new Recorder();
        var store = new CountingOutputCacheStore(inner, new CacheMetrics(), _options, _clock);
        var request = ReadAge.Begin();
        if (oldestRead is { } read) request.Used(read);
        await store.SetAsync("page", [1, 2, 3], ["pages"], _options.Duration, CancellationToken.None);
        return inner.Stored;
    }

    [Fact]
    public async Task A_page_built_from_data_read_20_seconds_ago_is_kept_10_seconds()
    {
        Assert.Equal([TimeSpan.FromSeconds(10)], await StoreAsync(_clock.GetUtcNow().AddSeconds(-20)));
    }

    /// <summary>
    /// A stale value served while one reader refreshes it: kept one second, so the other readers meanwhile do not all
    /// render the page again (they did, hundreds of times a second on a long discussion), then rendered again.
    /// </summary>
    [Fact]
    public async Task A_page_built_from_expired_data_is_kept_one_second()
    {
        Assert.Equal([ReadAge.StaleGrace], await StoreAsync(_clock.GetUtcNow().AddSeconds(-31)));
        Assert.Equal(TimeSpan.FromSeconds(1), ReadAge.StaleGrace);
    }

    [Fact]
    public async Task A_page_built_from_no_cached_data_is_kept_a_whole_lifetime()
    {
        Assert.Equal([_options.Duration], await StoreAsync(null));
    }
}
