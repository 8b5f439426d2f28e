using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Cases;

/// <summary>The shared read-model cache: reused until a write to cases or its lifetime (on the injected clock) ends it.</summary>
public sealed class CaseReadCacheTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 5, 6, 7, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddOptions().AddOutputCache().BuildServiceProvider();
    private readonly CachingOptions _options = new() { Enabled = true, Seconds = 30 };
    private readonly CaseCache _cases;
    private readonly CaseReadCache _cache;
    private int _computed;
    private SqliteConnection? _connection;
    private SqliteCommunityDbContext? _db;

    public CaseReadCacheTests()
    {
        _cases = new CaseCache(_services.GetRequiredService<IOutputCacheStore>(), _options, new SingleInstanceEvictionBus(), _clock);
        _cache = new CaseReadCache(_cases, _options, _clock, new CacheMetrics());
    }

    public void Dispose()
    {
        _cache.Dispose();
        _services.Dispose();
        _db?.Dispose();
        _connection?.Dispose();
    }

    /// <summary>
    /// Publishes a case the way every handler writes: SaveChanges on a real (in-memory) SQLite database carrying the
    /// app's write-effect interceptors, with this cache's eviction effect registered as the app registers it.
    /// </summary>
    private async Task PublishACaseAsync()
    {
        if (_db is null)
        {
            _connection = new SqliteConnection("Data Source=:memory:");
            _connection.Open();
            var effects = new WriteEffects([new CaseCacheEffect(_cases, _clock)], [], NullLogger<WriteEffects>.Instance);
            _db = new SqliteCommunityDbContext(new DbContextOptionsBuilder<SqliteCommunityDbContext>().UseSqlite(_connection)
                .AddInterceptors(new WriteEffectsSaveInterceptor(effects), new WriteEffectsTransactionInterceptor(effects)).Options);
            _db.Database.EnsureCreated();
        }
        var author = new Member { UserName = "m" + Guid.NewGuid().ToString("N"), Email = "author@example.test", DisplayName = "Autrice" };
        _db.Users.Add(author);
        await _db.SaveChangesAsync();   // a new member shows nowhere yet: evicts nothing
        _db.Add(Case.Publish(author.Id, new CaseText("Un cas", "Un résumé.", "Le corps.", null, null), new RenderedMarkdown("<p>Le corps.</p>", 1),
            new CaseContext(SizeBand.From11To50, Sector.Software, Stage.ScaleUp, null, null, AuthorRole.Coach), null, CaseVisibility.Public, null, [],
            _clock.GetUtcNow().UtcDateTime));
        await _db.SaveChangesAsync();
    }

    private Task<int> Read(string key = "list") => _cache.GetOrComputeAsync(key, () => Task.FromResult(++_computed));

    [Fact]
    public async Task Serves_the_same_value_until_something_changes()
    {
        Assert.Equal(1, await Read());
        Assert.Equal(1, await Read());
        Assert.Equal(2, await Read("another key"));
        Assert.Equal(2, _computed);
    }

    [Fact]
    public async Task A_write_to_cases_makes_every_entry_stale()
    {
        Assert.Equal(1, await Read());
        Assert.Equal(2, await Read("another key"));
        Assert.Equal(1, await Read());   // served from the entry

        await PublishACaseAsync();

        Assert.Equal(3, await Read());
        Assert.Equal(4, await Read("another key"));
    }

    [Fact]
    public async Task A_write_announced_by_another_instance_for_one_case_makes_every_entry_stale()
    {
        Assert.Equal(1, await Read());
        Assert.Equal(2, await Read("another key"));
        Assert.Equal(1, await Read());   // served from the entry
        // The door another instance's writes come through (PostgreSQL NOTIFY, see TwoInstanceTests).
        await ((IRemoteEvictions)_cases).ApplyAsync([CaseCacheTags.Case(1)], CancellationToken.None);
        Assert.Equal(3, await Read());
        Assert.Equal(4, await Read("another key"));
    }

    [Fact]
    public async Task Entries_expire_after_the_configured_lifetime_on_the_injected_clock()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(23));
        Assert.Equal(1, await Read());
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(2, await Read());
    }

    [Fact]
    public async Task In_the_last_fifth_of_its_life_one_reader_refreshes_an_entry_while_the_others_keep_the_current_value()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(25));   // 5 s left of 30
        var slow = new TaskCompletionSource<int>();
        var refreshing = _cache.GetOrComputeAsync("list", () => slow.Task);

        var request = ReadAge.Begin();
        Assert.Equal(1, await Read());   // the current value, not a second computation...
        Assert.Equal(TimeSpan.FromSeconds(5), request.Remaining(_options.Duration, _clock.GetUtcNow()));   // ...still current downstream
        Assert.Equal(1, _computed);
        slow.SetResult(42);
        Assert.Equal(42, await refreshing);
        _clock.Advance(TimeSpan.FromSeconds(10));   // past the first value's end: the refreshed one lives on
        Assert.Equal(42, await Read());
        Assert.Equal(1, _computed);
    }

    [Fact]
    public async Task When_only_the_lifetime_ran_out_one_reader_recomputes_and_the_others_keep_the_previous_value()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(31));
        var slow = new TaskCompletionSource<int>();
        var refreshing = _cache.GetOrComputeAsync("list", () => slow.Task);

        Assert.Equal(1, await Read());   // served the previous value, not recomputed
        Assert.Equal(1, _computed);
        slow.SetResult(42);
        Assert.Equal(42, await refreshing);
        Assert.Equal(42, await Read());
    }

    [Fact]
    public async Task A_failed_refresh_lets_the_next_reader_try_again()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _cache.GetOrComputeAsync<int>("list", () => throw new InvalidOperationException()));
        Assert.Equal(2, await Read());
    }

    [Fact]
    public async Task After_a_write_nobody_gets_the_previous_value()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(31));
        var slow = new TaskCompletionSource<int>();
        var refreshing = _cache.GetOrComputeAsync("list", () => slow.Task);
        await PublishACaseAsync();

        Assert.Equal(2, await Read());
        slow.SetResult(42);
        await refreshing;
    }

    [Fact]
    public async Task Readers_arriving_while_a_missing_entry_is_computed_share_that_computation()
    {
        var slow = new TaskCompletionSource<int>();
        var computations = 0;
        Task<int> Slow() { computations++; return slow.Task; }
        var first = _cache.GetOrComputeAsync("matrix", Slow);
        var second = _cache.GetOrComputeAsync("matrix", Slow);

        slow.SetResult(7);
        var values = await Task.WhenAll(first, second);
        Assert.Equal([7, 7], values);
        Assert.Equal(1, computations);
    }

    [Fact]
    public async Task When_the_shared_computation_fails_the_readers_waiting_for_it_compute_their_own()
    {
        var failing = new TaskCompletionSource<int>();
        var first = _cache.GetOrComputeAsync("matrix", () => failing.Task);
        var second = _cache.GetOrComputeAsync("matrix", () => Task.FromResult(9));

        failing.SetException(new InvalidOperationException("the first reader went away"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal(9, await second);
    }

    [Fact]
    public async Task Switched_off_it_computes_every_time()
    {
        _options.Enabled = false;
        await Read();
        await Read();
        Assert.Equal(2, _computed);
    }

    [Fact]
    public async Task A_request_learns_when_the_data_it_used_was_read_and_what_remains_of_its_lifetime()
    {
        var start = _clock.GetUtcNow();
        await Read("matrix");
        _clock.Advance(TimeSpan.FromSeconds(10));
        var request = ReadAge.Begin();
        await Read("another key");   // read now
        await Read("matrix");        // read 10 s ago: the oldest counts

        Assert.Equal(start, request.OldestReadUtc);
        Assert.Equal(TimeSpan.FromSeconds(20), request.Remaining(_options.Duration, _clock.GetUtcNow()));
        Assert.Equal(_options.Duration, new ReadAge().Remaining(_options.Duration, _clock.GetUtcNow()));   // nothing cached used
    }

    [Fact]
    public async Task A_value_computed_from_a_cached_value_expires_no_later_than_its_source()
    {
        var start = _clock.GetUtcNow();
        await Read("source");
        _clock.Advance(TimeSpan.FromSeconds(20));
        var derived = 0;
        Task<int> Derived() => _cache.GetOrComputeAsync("derived", async () => await Read("source") * 100 + ++derived);

        Assert.Equal(101, await Derived());           // built at +20 from data read at +0
        _clock.Advance(TimeSpan.FromSeconds(3));
        var request = ReadAge.Begin();
        Assert.Equal(101, await Derived());           // +23: still current
        Assert.Equal(start, request.OldestReadUtc);   // and known to be as old as its source
        _clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(202, await Derived());           // +31: gone with its source, not at +50
        Assert.Equal(2, _computed);
    }

    [Fact]
    public async Task A_stale_value_served_while_another_reader_refreshes_leaves_nothing_to_store_downstream()
    {
        await Read();
        _clock.Advance(TimeSpan.FromSeconds(31));
        var slow = new TaskCompletionSource<int>();
        var refreshing = _cache.GetOrComputeAsync("list", () => slow.Task);

        var request = ReadAge.Begin();
        Assert.Equal(1, await Read());   // the previous value...
        Assert.True(request.Remaining(_options.Duration, _clock.GetUtcNow()) <= TimeSpan.Zero);   // ...which no fragment or page may keep
        slow.SetResult(42);
        await refreshing;

        var next = ReadAge.Begin();
        Assert.Equal(42, await Read());
        Assert.Equal(_options.Duration, next.Remaining(_options.Duration, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Readers_sharing_a_computation_learn_when_its_data_was_read()
    {
        var start = _clock.GetUtcNow();
        var slow = new TaskCompletionSource<int>();
        var first = _cache.GetOrComputeAsync("matrix", () => slow.Task);
        var request = ReadAge.Begin();
        var second = _cache.GetOrComputeAsync("matrix", () => slow.Task);
        _clock.Advance(TimeSpan.FromSeconds(5));
        slow.SetResult(7);
        await Task.WhenAll(first, second);

        Assert.Equal(start, request.OldestReadUtc);
    }
}
