using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Behind a reverse proxy, the client address and scheme come from <c>X-Forwarded-For</c>/<c>-Proto</c>, but only
/// when the request comes from a proxy named in <c>ForwardedHeaders:KnownProxies</c> (addresses) or
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges); anyone else's forwarded headers are ignored, so a client
/// cannot pick the address that rate limits count. Without configuration only loopback is trusted.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        // PostConfigure: also wins over ASPNETCORE_FORWARDEDHEADERS_ENABLED, which would trust every sender.
        services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Length + networks.Length == 0) return;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return services;
    }
}
