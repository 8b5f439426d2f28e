using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>/healthz: 200 when the database answers a query against our schema, 503 otherwise.</summary>
internal sealed class DatabaseHealthCheck(CommunityDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Reading a real table (not just opening a connection) catches a missing or emptied database file.
            await db.Roles.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable", ex);
        }
    }
}

/// <summary>
/// Who may read <c>/healthz?detail</c>: a request made on the machine itself (loopback, not through a proxy). Its
/// counters (hits, misses, evictions per store) move with writes visitors cannot see (a held post, a members-only
/// reply evicts members' caches), so a visitor polling them learnt that such a write had just happened. The load
/// balancer keeps the plain status. Not administrators from afar either: the endpoint stays outside sign-in and roles,
/// so a probe costs no session lookup, and the operator who reads counters has the machine (<c>curl 127.0.0.1</c>).
/// </summary>
internal static class HealthDetail
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "X-Original-For", "Forwarded"];

    public static bool Allowed(HttpContext context)
    {
        // After UseForwardedHeaders: a proxy on this machine forwarding a visitor leaves the visitor's address here, and
        // its X-Original-For behind. No address at all (a Unix socket) is not taken for the machine: a proxy may sit there.
        if (context.Connection.RemoteIpAddress is not { } remote) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return System.Net.IPAddress.IsLoopback(remote) && !ProxyHeaders.Any(context.Request.Headers.ContainsKey);
    }
}
