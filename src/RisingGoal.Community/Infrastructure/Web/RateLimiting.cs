using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Named limits for writes and account actions. Apply with <c>[EnableRateLimiting(RateLimits.Login)]</c> on a page
/// model; GETs are never limited. Each POST to such a page passes two limiters at once, both of which must grant it:
/// <list type="number">
/// <item>per requester: the signed-in member (whatever IP they come from), else the anonymous visitor's IP
///   (<c>RateLimits:{name}</c>);</item>
/// <item>per IP, shared by everyone behind it (<c>RateLimits:PerIp:{name}</c>; by default the larger of the built-in
///   figure and the per-requester limit, so raising one raises the ceiling too). IPv6 addresses count per /64.</item>
/// </list>
/// Forms that send mail also pass <see cref="RecipientLimits"/> (per recipient address), checked by the handler once
/// the form is read.
/// A request refused by either limiter is charged to neither, so a member over their own limit does not use up their
/// office's shared allowance (see <see cref="BothLimiters"/>).
/// Each instance counts in memory; on PostgreSQL the same limits are also counted in the database, shared by every
/// instance (<see cref="SharedRateLimits"/>), so N instances do not grant N times the permits.
/// Rejections answer 429 with Retry-After and the localised error page.
/// The client IP is <c>Connection.RemoteIpAddress</c>: behind a proxy, enable forwarded headers (Program.cs).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Register = "register";
    public const string PasswordReset = "password-reset";
    public const string EmailChange = "email-change";
    public const string Post = "post";
    public const string Reply = "reply";
    public const string Flag = "flag";
    public const string Resonate = "resonate";
    public const string Preview = "preview";
    public const string Draft = "draft";
    public const string SignOutEverywhere = "sign-out-everywhere";
    /// <summary>A moderator's writes that rewrite shown text (redactions, pseudonyms): each has queued mail rebuilt.</summary>
    public const string Moderate = "moderate";
    /// <summary>Revealing who is behind a pseudonym: a few an hour, so a stolen moderator account cannot unmask authors in bulk.</summary>
    public const string Reveal = "reveal";
    /// <summary>
    /// Every other staff write (queue decisions, pending edits, takedown answers, suspensions, moderator roles): enough
    /// for a long session on a backlog, not for a stolen account or a script to sweep the site.
    /// </summary>
    public const string Staff = "staff";
    /// <summary>A member's own account settings (password, second factor, shown name, language, deletion).</summary>
    public const string Account = "account";

    private static readonly Dictionary<string, Limit> Defaults = new()
    {
        [Login] = new(10, 30, TimeSpan.FromMinutes(5)),
        [Register] = new(5, 10, TimeSpan.FromHours(1)),
        [PasswordReset] = new(5, 10, TimeSpan.FromHours(1)),
        [EmailChange] = new(5, 10, TimeSpan.FromHours(1)),
        [Post] = new(10, 40, TimeSpan.FromHours(1)),
        [Reply] = new(30, 120, TimeSpan.FromHours(1)),
        [Flag] = new(20, 60, TimeSpan.FromHours(1)),
        [Resonate] = new(120, 600, TimeSpan.FromHours(1)),
        [Preview] = new(300, 1200, TimeSpan.FromHours(1)),
        // Autosave: one save every 5 s of typing for an hour, plus the button.
        [Draft] = new(800, 3200, TimeSpan.FromHours(1)),
        // Each one rewrites the member's row and signs them in again: a few a day are plenty.
        [SignOutEverywhere] = new(5, 20, TimeSpan.FromHours(1)),
        [Moderate] = new(120, 480, TimeSpan.FromHours(1)),
        [Reveal] = new(10, 30, TimeSpan.FromHours(1)),
        [Staff] = new(300, 600, TimeSpan.FromHours(1)),
        [Account] = new(20, 60, TimeSpan.FromHours(1)),
    };

    public static IServiceCollection AddCommunityRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = Defaults.ToDictionary(d => d.Key, d => Configured(d.Key, d.Value, configuration));
        services.AddSingleton(new ConfiguredRateLimits(limits));
        services.AddSingleton<RecipientLimits>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;   // the status-code page middleware renders the localised 429 page
            };
            // The named policies only mark endpoints (an unknown name would fail at run time); the limits themselves
            // are the global limiter (per requester and per IP together), which reads the endpoint's policy name.
            foreach (var name in limits.Keys)
                o.AddPolicy(name, _ => RateLimitPartition.GetNoLimiter(""));
            o.GlobalLimiter = new BothLimiters(
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByRequester(context, limits)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ByIp(context, limits)));
        });
        return services;
    }

    private static Limit Configured(string name, Limit defaults, IConfiguration configuration)
    {
        var perRequester = configuration.GetValue<int?>($"RateLimits:{name}") ?? defaults.PerRequester;
        var perIp = configuration.GetValue<int?>($"RateLimits:PerIp:{name}") ?? Math.Max(defaults.PerIp, perRequester);
        return defaults with { PerRequester = perRequester, PerIp = perIp };
    }

    private static RateLimitPartition<string> ByRequester(HttpContext context, Dictionary<string, Limit> limits) =>
        LimitOf(context, limits) is { } found
            ? FixedWindow(RequesterKey(context, found.Name), found.Limit.PerRequester, found.Limit.Window)
            : RateLimitPartition.GetNoLimiter("");

    private static RateLimitPartition<string> ByIp(HttpContext context, Dictionary<string, Limit> limits) =>
        LimitOf(context, limits) is { } found
            ? FixedWindow(IpKey(context, found.Name), found.Limit.PerIp, found.Limit.Window)
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>The signed-in member wherever they come from, else the anonymous visitor's network.</summary>
    internal static string RequesterKey(HttpContext context, string name) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } member ? $"{name}:member:{member}" : $"{name}:visitor:{ClientNetwork(context)}";

    internal static string IpKey(HttpContext context, string name) => $"{name}:ip:{ClientNetwork(context)}";

    /// <summary>The limit a request is subject to: POSTs (not GETs or HEADs) to an endpoint marked with a known policy.</summary>
    internal static (string Name, Limit Limit)? LimitOf(HttpContext context, IReadOnlyDictionary<string, Limit> limits)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) return null;
        var name = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        return name is not null && limits.TryGetValue(name, out var limit) ? (name, limit) : null;
    }

    private static RateLimitPartition<string> FixedWindow(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });

    /// <summary>The client's address; IPv6 by /64 (one subscriber's whole range), IPv4-mapped addresses as IPv4.</summary>
    public static string ClientNetwork(HttpContext context) => Network(context.Connection.RemoteIpAddress);

    public static string Network(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Both limiters must grant a request, and a refusal charges neither. <c>PartitionedRateLimiter.CreateChained</c> is
    /// not enough here: when an attempt fails, the rate-limiting middleware tries again through AcquireAsync, so a
    /// chain charges its first limiter twice for every refusal by the second one.
    /// </summary>
    /// <summary>One named limit: per requester and per IP within a fixed window.</summary>
    public sealed record Limit(int PerRequester, int PerIp, TimeSpan Window);

    private sealed class BothLimiters(PartitionedRateLimiter<HttpContext> requester, PartitionedRateLimiter<HttpContext> ip)
        : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => requester.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
        {
            // The shared IP allowance is looked at first, without taking from it, so its refusal costs the requester nothing.
            if (ip.GetStatistics(resource) is { } shared && shared.CurrentAvailablePermits < Math.Max(permitCount, 1))
                return ip.AttemptAcquire(resource, Math.Max(permitCount, 1));   // refused, with its Retry-After
            var own = requester.AttemptAcquire(resource, permitCount);
            if (!own.IsAcquired) return own;
            var fromIp = ip.AttemptAcquire(resource, permitCount);
            if (fromIp.IsAcquired) return new BothLeases(own, fromIp);
            own.Dispose();   // lost a race for the last IP permit
            return fromIp;
        }

        // No queues (QueueLimit is 0): waiting is the same as attempting.
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                requester.Dispose();
                ip.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class BothLeases(RateLimitLease first, RateLimitLease second) : RateLimitLease
    {
        public override bool IsAcquired => true;
        public override IEnumerable<string> MetadataNames => first.MetadataNames.Union(second.MetadataNames);

        public override bool TryGetMetadata(string metadataName, out object? metadata) =>
            first.TryGetMetadata(metadataName, out metadata) || second.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}

/// <summary>The limits as configured at start-up, for the layers that count them (in memory, and in the database).</summary>
public sealed class ConfiguredRateLimits(IReadOnlyDictionary<string, RateLimits.Limit> limits)
{
    public (string Name, RateLimits.Limit Limit)? For(HttpContext context) => RateLimits.LimitOf(context, limits);
}
