using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

public static class SearchFeature
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        services.AddSingleton<SearchIndexingInterceptor>();
        // Adds the interceptor to the options the data setup registered (composes with AddDbContext).
        services.ConfigureDbContext<SqliteCommunityDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<SearchIndexingInterceptor>()));
        services.AddScoped<IRedactionListener, SearchRedactionListener>();
        services.AddScoped<IStartupTask, SearchIndexBootstrap>();
        services.AddScoped<RelatedCases>();
        return services;
    }
}
