using System.Net;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// <c>/healthz?detail</c> shows the caches' counters (hits, misses, evictions per store), which move with writes visitors
/// cannot see (a held post, a members-only reply evicts members' caches): a visitor polling them learnt that such a write
/// had just happened. The detail is for a request made on the machine itself; everyone else, the load balancer included,
/// reads the plain status. Caching on.
/// </summary>
public sealed class HealthDetailTests
{
    private static readonly IPAddress Visitor = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task Only_a_request_from_the_machine_itself_reads_the_cache_counters_and_everyone_reads_the_status()
    {
        await using var app = new CommunityAppFactory();

        Assert.Contains("page.hits: ", await app.HealthDetailAsync());                                    // the operator's curl on the machine
        Assert.Contains("page.hits: ", await app.HealthDetailAsync(IPAddress.IPv6Loopback));
        Assert.Equal("Healthy", await app.HealthDetailAsync(Visitor));
        Assert.Equal("Healthy", await app.HealthDetailAsync(IPAddress.Parse("::ffff:203.0.113.7")));
        // A proxy on the same machine forwarding a visitor: the forwarded address is the visitor's.
        Assert.Equal("Healthy", await app.HealthDetailAsync(IPAddress.Loopback, ("X-Forwarded-For", "203.0.113.7")));
        // A visitor's own X-Forwarded-For naming the machine is not believed (only configured proxies are).
        Assert.Equal("Healthy", await app.HealthDetailAsync(Visitor, ("X-Forwarded-For", "127.0.0.1")));

        var probe = await app.CreateClient().GetAsync("/healthz");                                       // the load balancer
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal("Healthy", await probe.Content.ReadAsStringAsync());
        // A TestServer request has no remote address, like one through a Unix socket (a proxy may sit there): no detail.
        Assert.Equal("Healthy", await app.CreateClient().GetStringAsync("/healthz?detail"));
    }
}
