using Npgsql;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Tells the other instances what a write on this one evicted. On SQLite there is one instance and nothing to tell;
/// on PostgreSQL the message goes through the database itself (<c>NOTIFY</c>), so no other service is needed.
/// </summary>
public interface IEvictionBus
{
    /// <summary>Called after commit with the cache tags this instance just evicted (empty: everything).</summary>
    Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken);
}

/// <summary>What an instance does when another one evicted something (implemented by the case caches).</summary>
public interface IRemoteEvictions
{
    /// <param name="tags">The tags to evict; empty means everything (an overflowing message, or a reconnection after which notifications may have been missed).</param>
    Task ApplyAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken);
}

public sealed class SingleInstanceEvictionBus : IEvictionBus
{
    public Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// PostgreSQL <c>LISTEN/NOTIFY</c> on the channel <see cref="Channel"/>: every instance publishes its evictions after
/// commit and listens on a connection of its own. The listener reconnects after any failure and then evicts
/// everything, since notifications sent while it was away are lost.
/// </summary>
public sealed class PostgresEvictionBus(string connectionString, IServiceProvider services, ILogger<PostgresEvictionBus> logger)
    : BackgroundService, IEvictionBus
{
    public const string Channel = "rg_cache_evictions";

    /// <summary>PostgreSQL refuses payloads of 8,000 bytes or more: a longer list becomes "evict everything".</summary>
    private const int MaxPayload = 7000;

    private static readonly string Everything = "*";
    private readonly string _instance = Guid.NewGuid().ToString("N");

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance listens (and has flushed what it may have missed before).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Raised after remote evictions were applied (tests wait on it instead of sleeping).</summary>
    public event Action? Applied;

    public async Task PublishAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        var list = tags.Count == 0 ? Everything : string.Join(' ', tags);
        var payload = $"{_instance}|{(list.Length > MaxPayload ? Everything : list)}";
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", payload);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The write is committed; other instances fall back on the cache lifetime.
            logger.LogWarning(ex, "Could not tell other instances about an eviction");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Cache eviction listener lost its connection; reconnecting");
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 30, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        var received = new List<string>();
        connection.Notification += (_, e) => received.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        // Anything evicted elsewhere before this LISTEN (start-up, or while disconnected) was missed.
        await ApplyAsync([], stoppingToken);
        _listening.TrySetResult();
        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
            var batch = received.ToList();
            received.Clear();
            var tags = new HashSet<string>();
            var everything = false;
            foreach (var payload in batch)
            {
                var separator = payload.IndexOf('|');
                if (separator < 0 || payload[..separator] == _instance) continue;
                var list = payload[(separator + 1)..];
                if (list == Everything) everything = true;
                else tags.UnionWith(list.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            if (everything) await ApplyAsync([], stoppingToken);
            else if (tags.Count > 0) await ApplyAsync(tags, stoppingToken);
        }
    }

    private async Task ApplyAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IRemoteEvictions>().ApplyAsync(tags, cancellationToken);
        Applied?.Invoke();
    }
}
