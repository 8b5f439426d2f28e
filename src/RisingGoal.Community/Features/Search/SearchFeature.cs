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
        services.AddSingleton<IWriteEffect, SearchIndexing>();
        services.AddScoped<IRedactionListener, SearchRedactionListener>();
        services.AddScoped<IStartupTask, SearchIndexBootstrap>();
        services.AddScoped<RelatedCases>();
        services.AddScoped<LikeMine.CasesLikeMine>();
        return services;
    }
}
