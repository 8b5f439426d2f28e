using System.Net;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Moderation;

/// <summary>The address a per-IP rate limit counts: one IPv4 address, or one IPv6 /64 (a subscriber's whole range).</summary>
public sealed class RateLimitNetworkTests
{
    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]                 // IPv4 through a dual-stack socket
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    public void Clients_are_counted_per_address_or_per_64(string address, string network) =>
        Assert.Equal(network, RateLimits.Network(IPAddress.Parse(address)));

    [Fact]
    public void An_unknown_address_is_one_shared_network() => Assert.Equal("unknown", RateLimits.Network(null));
}
