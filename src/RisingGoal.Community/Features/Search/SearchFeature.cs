using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

public static class SearchFeature
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        // The one provider-specific part of search: FTS5 on SQLite, a generated tsvector with a GIN index on PostgreSQL.
        services.AddSingleton<ISearchIndex>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(sp)
            : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(sp));
        services.AddSingleton<SearchIndexingInterceptor>();
        // Adds the interceptor to the options the data setup registered (composes with AddDbContext).
        services.ConfigureCommunityDbContext((sp, o) => o.AddInterceptors(sp.GetRequiredService<SearchIndexingInterceptor>()));
        services.AddScoped<IRedactionListener, SearchRedactionListener>();
        services.AddScoped<IStartupTask, SearchIndexBootstrap>();
        services.AddScoped<RelatedCases>();
        return services;
    }
}
