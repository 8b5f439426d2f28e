using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the database contexts requests build, for "a page served from shared parts builds no context" assertions:
/// building one (options, services, a connection) is a cost of its own even when no query follows.
/// </summary>
public sealed class DbContextCounter
{
    private int _built;

    public int Built => Volatile.Read(ref _built);
    public void Reset() => Interlocked.Exchange(ref _built, 0);

    /// <summary>A factory whose <see cref="CommunityDbContext"/> resolutions (one per scope that asks) report to <paramref name="counter"/>.</summary>
    public static WebApplicationFactory<Program> Counting(WebApplicationFactory<Program> factory, DbContextCounter counter) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(CommunityDbContext));
            // AddDbContext registers the base type by the provider's type (or by a factory in other EF versions).
            Func<IServiceProvider, object> build = registered.ImplementationFactory
                ?? (sp => ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
            services.Remove(registered);
            services.Add(new ServiceDescriptor(typeof(CommunityDbContext), sp =>
            {
                Interlocked.Increment(ref counter._built);
                return build(sp);
            }, registered.Lifetime));
        }));
}
