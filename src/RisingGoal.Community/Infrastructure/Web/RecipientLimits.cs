using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// The third dimension of the limits on forms that send mail: per recipient address, whoever asks and from wherever
/// (the per-member and per-IP limits of <see cref="RateLimits"/> still apply), so nobody can flood an inbox from many
/// accounts or addresses. Counted on every request for the address, whether or not an account uses it, so a refusal
/// reveals nothing. Keyed by a SHA-256 of the normalised address (no address is kept in memory), in fixed windows read
/// from the injected clock. Counted in memory, and on PostgreSQL in the database too (<see cref="ISharedRateLimitCounters"/>),
/// so several instances share one allowance. <c>RateLimits:PerRecipient:{name}</c> sets the permits.
/// </summary>
public sealed class RecipientLimits(TimeProvider clock, IConfiguration configuration, ILogger<RecipientLimits>? logger = null,
    ISharedRateLimitCounters? shared = null)
{
    /// <summary>Account mail asked for by a form: confirmation (sign-up, resend), password reset, new address, sign-up attempt.</summary>
    public const string AccountMail = "account-mail";
    /// <summary>The takedown form's confirmation link.</summary>
    public const string Takedown = "takedown";
    /// <summary>The lockout notice with its unlock link (never refused visibly: the login page must not tell).</summary>
    public const string Unlock = "unlock";

    private static readonly Dictionary<string, (int Permits, TimeSpan Window)> Defaults = new()
    {
        [AccountMail] = (5, TimeSpan.FromHours(1)),
        [Takedown] = (3, TimeSpan.FromHours(1)),
        [Unlock] = (2, TimeSpan.FromHours(1)),
    };

    private const int SweepAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Used;
    }

    /// <summary>Takes one permit for mail of this kind to <paramref name="address"/>; false (with the wait) when used up.</summary>
    public bool TryAcquire(string name, string address, out TimeSpan retryAfter)
    {
        var (permits, length) = Permits(name);
        var now = clock.GetUtcNow();
        if (_windows.Count > SweepAbove) Sweep(now);
        var window = _windows.GetOrAdd($"{name}:{Key(address)}", _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= length)
            {
                window.Start = now;
                window.Used = 0;
            }
            retryAfter = window.Start + length - now;
            if (window.Used >= permits) return false;
            window.Used++;
            return true;
        }
    }

    /// <summary>
    /// <see cref="TryAcquire"/>, then the allowance shared by every instance when there is one: both must grant the
    /// permit. If the shared counters cannot be reached, the per-instance limit applies (logged).
    /// </summary>
    public async Task<(bool Granted, TimeSpan RetryAfter)> TryAcquireAsync(string name, string address, CancellationToken cancellationToken)
    {
        if (!TryAcquire(name, address, out var retryAfter)) return (false, retryAfter);
        if (shared is null) return (true, TimeSpan.Zero);
        var (permits, length) = Permits(name);
        var now = clock.GetUtcNow();
        var windowStart = SharedRateLimits.WindowStart(now, length);
        try
        {
            return await shared.TryTakeAsync($"recipient:{name}:{Key(address)}", windowStart, length, permits, cancellationToken)
                ? (true, TimeSpan.Zero)
                : (false, windowStart + length - now);
        }
        catch (Npgsql.NpgsqlException e)
        {
            logger?.LogWarning(e, "Shared recipient limit {Name} could not be counted; the per-instance limit applies", name);
            return (true, TimeSpan.Zero);
        }
    }

    private (int Permits, TimeSpan Window) Permits(string name)
    {
        var (permits, length) = Defaults[name];
        return (configuration.GetValue<int?>($"RateLimits:PerRecipient:{name}") ?? permits, length);
    }

    /// <summary>The partition key: a hash of the address as Identity normalises it (trimmed, case-insensitive).</summary>
    public static string Key(string address) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())));

    private void Sweep(DateTimeOffset now)
    {
        var longest = Defaults.Values.Max(d => d.Window);
        foreach (var (key, window) in _windows)
            if (now - window.Start >= longest) _windows.TryRemove(key, out _);
    }

    /// <summary>The answer to a refused request: 429 with Retry-After, rendered as the localised error page.</summary>
    public static IActionResult Refused(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(retryAfter.TotalSeconds, 1))).ToString(CultureInfo.InvariantCulture);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }
}
