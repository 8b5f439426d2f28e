using System.Globalization;
using Npgsql;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Counters shared by every instance, one row per key and fixed window. Only PostgreSQL deployments have several
/// instances; SQLite (one machine, one process) relies on the in-memory limiter alone.
/// </summary>
public interface ISharedRateLimitCounters
{
    /// <summary>Takes one permit from <paramref name="key"/>'s window unless <paramref name="limit"/> are already taken.</summary>
    Task<bool> TryTakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken);

    /// <summary>Gives back a permit taken by <see cref="TryTakeAsync"/> (the other counter refused the request).</summary>
    Task GiveBackAsync(string key, DateTimeOffset windowStart, CancellationToken cancellationToken);
}

/// <summary>
/// The rate limits of <see cref="RateLimits"/>, counted once for the whole site: after each instance's own in-memory
/// limiter has granted a request, the database is asked too. Both counters (per requester and per IP) must grant it,
/// and a refusal charges neither, as in memory. If the database cannot be reached, the request goes on under the
/// per-instance limits (logged): a limiter outage must not take the site down with it.
/// </summary>
public sealed class SharedRateLimits(RequestDelegate next, ConfiguredRateLimits limits, ISharedRateLimitCounters counters,
    TimeProvider clock, ILogger<SharedRateLimits> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (limits.For(context) is not { } found)
        {
            await next(context);
            return;
        }
        var (name, limit) = found;
        var now = clock.GetUtcNow();
        var windowStart = WindowStart(now, limit.Window);
        var ipKey = RateLimits.IpKey(context, name);
        var requesterKey = RateLimits.RequesterKey(context, name);
        bool granted;
        try
        {
            granted = await counters.TryTakeAsync(ipKey, windowStart, limit.Window, limit.PerIp, context.RequestAborted);
            if (granted && !await counters.TryTakeAsync(requesterKey, windowStart, limit.Window, limit.PerRequester, context.RequestAborted))
            {
                await counters.GiveBackAsync(ipKey, windowStart, context.RequestAborted);
                granted = false;
            }
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Shared rate limit {Name} could not be counted; the per-instance limit applies", name);
            granted = true;
        }
        if (granted)
        {
            await next(context);
            return;
        }
        var retryAfter = windowStart + limit.Window - now;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        // The status-code page middleware renders the localised 429 page, as for the in-memory limiter.
    }

    /// <summary>Windows are aligned on the epoch, so every instance agrees on them without talking.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window) =>
        new(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
}

/// <summary>
/// Table <c>RateLimitWindows</c> (a PostgreSQL-only migration; no entity, only this class reads it). One upsert takes a
/// permit atomically: the row is created with one hit, or incremented only while under the limit, so concurrent
/// requests on any instance never overshoot. Expired windows are swept now and then.
/// </summary>
public sealed class PostgresRateLimitCounters(string connectionString, TimeProvider clock) : ISharedRateLimitCounters
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);
    private long _nextSweepTicks;

    public async Task<bool> TryTakeAsync(string key, DateTimeOffset windowStart, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await SweepNowAndThenAsync(connection, cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RateLimitWindows" ("Key", "WindowStart", "Hits", "ExpiresUtc") VALUES (@key, @start, 1, @expires)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Hits" = "RateLimitWindows"."Hits" + 1
            WHERE "RateLimitWindows"."Hits" < @limit
            RETURNING "Hits"
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("start", windowStart.UtcDateTime);
        command.Parameters.AddWithValue("expires", (windowStart + window).UtcDateTime);
        command.Parameters.AddWithValue("limit", limit);
        return limit > 0 && await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task GiveBackAsync(string key, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE "RateLimitWindows" SET "Hits" = "Hits" - 1 WHERE "Key" = @key AND "WindowStart" = @start AND "Hits" > 0
            """, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("start", windowStart.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SweepNowAndThenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepEvery).UtcTicks, due) != due) return;
        await using var command = new NpgsqlCommand("""DELETE FROM "RateLimitWindows" WHERE "ExpiresUtc" < @now""", connection);
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class SharedRateLimitsSetup
{
    /// <summary>Counts the rate limits in the database too when one is registered (PostgreSQL); else does nothing.</summary>
    public static IApplicationBuilder UseSharedRateLimits(this IApplicationBuilder app) =>
        app.ApplicationServices.GetService<ISharedRateLimitCounters>() is null ? app : app.UseMiddleware<SharedRateLimits>();
}
