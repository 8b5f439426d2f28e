using RisingGoal.Community.Infrastructure.Content;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Taxonomy;

public static class TaxonomyFeature
{
    /// <summary>The content/ library, the start-up import of content/taxonomy and the in-memory <see cref="TaxonomyCatalog"/>.</summary>
    public static IServiceCollection AddTaxonomy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContentLibrary(configuration);
        services.AddSingleton<TaxonomyCatalog>();
        services.AddScoped<IStartupTask, TaxonomyImporter>();
        return services;
    }
}
