using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Named limits for writes and account actions, partitioned per signed-in member, else per client IP.
/// Apply with <c>[EnableRateLimiting(RateLimits.Login)]</c> on a page model; GETs are never limited.
/// Limits are per instance (in memory). Rejections answer 429 with Retry-After and the localised error page.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Register = "register";
    public const string PasswordReset = "password-reset";
    public const string Post = "post";
    public const string Reply = "reply";
    public const string Flag = "flag";
    public const string Resonate = "resonate";
    public const string Preview = "preview";

    /// <summary>Permits per window for each policy; overridable under <c>RateLimits:{name}</c> (e.g. RateLimits:login=10).</summary>
    private static readonly Dictionary<string, (int Permits, TimeSpan Window)> Defaults = new()
    {
        [Login] = (10, TimeSpan.FromMinutes(5)),
        [Register] = (5, TimeSpan.FromHours(1)),
        [PasswordReset] = (5, TimeSpan.FromHours(1)),
        [Post] = (10, TimeSpan.FromHours(1)),
        [Reply] = (30, TimeSpan.FromHours(1)),
        [Flag] = (20, TimeSpan.FromHours(1)),
        [Resonate] = (120, TimeSpan.FromHours(1)),
        [Preview] = (300, TimeSpan.FromHours(1)),
    };

    public static IServiceCollection AddCommunityRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;   // the status-code page middleware renders the localised 429 page
            };
            foreach (var (name, (permits, window)) in Defaults)
            {
                var configured = configuration.GetValue<int?>($"RateLimits:{name}") ?? permits;
                o.AddPolicy(name, context => Partition(context, name, configured, window));
            }
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string name, int permits, TimeSpan window)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            return RateLimitPartition.GetNoLimiter($"{name}:read");
        var member = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var key = member is not null ? $"{name}:m:{member}" : $"{name}:ip:{context.Connection.RemoteIpAddress}";
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
    }
}
