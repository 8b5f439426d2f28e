using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Search;

/// <summary>On PostgreSQL the index is a stored generated tsvector under a GIN index, with accents folded.</summary>
public sealed class PostgresSearchSchemaTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private async Task<List<string>> QueryAsync(string sql)
    {
        _ = factory.CreateClient();   // starts the app: migrations and the index bootstrap
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    [PostgresOnlyFact]
    public async Task The_document_is_a_generated_tsvector_under_a_gin_index()
    {
        Assert.Equal(["s"], await QueryAsync("""
            SELECT attgenerated::text AS "Value" FROM pg_attribute
            WHERE attrelid = '"SearchIndex"'::regclass AND attname = 'Document' AND atttypid = 'tsvector'::regtype
            """));
        var index = Assert.Single(await QueryAsync("""SELECT indexdef AS "Value" FROM pg_indexes WHERE indexname = 'IX_SearchIndex_Document'"""));
        Assert.Contains("USING gin", index);
    }

    [PostgresOnlyFact]
    public async Task Accents_and_plurals_fold_as_on_sqlite()
    {
        Assert.Equal(["true"], await QueryAsync("""
            SELECT (to_tsvector('rg_french', 'Les Équipes régulées') @@ to_tsquery('rg_french', 'equipe:* & regulee:*'))::text AS "Value"
            """));
    }
}
