using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Data.CompiledModels.Postgres;
using RisingGoal.Community.Infrastructure.Data.CompiledModels.Sqlite;

namespace RisingGoal.Community.Tests.Data;

/// <summary>
/// The app runs on the generated models under Infrastructure/Data/CompiledModels (they save building the model at every
/// start); EF picks them up instead of OnModelCreating, so a model change without regenerating them would be ignored at
/// run time. These compare each generated model with the one OnModelCreating builds.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_sqlite_compiled_model_is_the_current_model()
    {
        using var db = new SqliteCommunityDbContext(new DbContextOptionsBuilder<SqliteCommunityDbContext>()
            .UseSqlite("Data Source=:memory:").Options);
        Assert.IsType<SqliteCommunityDbContextModel>(db.Model, exactMatch: false);
        AssertSameAsBuilt(db, "SqliteCommunityDbContext", "Sqlite");
    }

    [Fact]
    public void The_postgres_compiled_model_is_the_current_model()
    {
        using var db = new PostgresCommunityDbContext(new DbContextOptionsBuilder<PostgresCommunityDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=unused;Username=unused").Options);
        Assert.IsType<PostgresCommunityDbContextModel>(db.Model, exactMatch: false);
        AssertSameAsBuilt(db, "PostgresCommunityDbContext", "Postgres");
    }

    private static void AssertSameAsBuilt(DbContext db, string context, string folder)
    {
        var regenerate = $"The model changed without regenerating its compiled model: run 'dotnet ef dbcontext optimize --project src/RisingGoal.Community " +
            $"--context {context} --output-dir Infrastructure/Data/CompiledModels/{folder} --namespace RisingGoal.Community.Infrastructure.Data.CompiledModels.{folder}'.";
        var built = db.GetService<IDesignTimeModel>().Model;   // always from OnModelCreating and the conventions
        var compiled = db.Model;
        // Entities, properties, keys, navigations, then what the schema and the queries see: tables, columns, indexes, filters.
        Assert.True(Describe(built) == Describe(compiled), regenerate);
    }

    private static string Describe(IModel model)
    {
        // Without annotations: the built model carries convention bookkeeping the compiled one drops.
        var text = new StringBuilder(model.ToDebugString(MetadataDebugStringOptions.LongDefault & ~MetadataDebugStringOptions.IncludeAnnotations));
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name))
        {
            text.AppendLine($"{entity.Name} filters: {string.Join("; ", entity.GetDeclaredQueryFilters().Select(f => $"{f.Key} {f.Expression}"))}");
            foreach (var property in entity.GetDeclaredProperties().OrderBy(p => p.Name))
            {
                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                text.AppendLine($"  {property.Name} {mapping.StoreType} converter: {mapping.Converter?.GetType().Name}");
            }
        }
        foreach (var table in model.GetRelationalModel().Tables.OrderBy(t => t.Name))
        {
            text.AppendLine($"table {table.Schema}.{table.Name}");
            foreach (var column in table.Columns.OrderBy(c => c.Name))
                text.AppendLine($"  {column.Name} {column.StoreType} nullable: {column.IsNullable} default: {column.DefaultValueSql} {column.DefaultValue} computed: {column.ComputedColumnSql}");
            foreach (var index in table.Indexes.OrderBy(i => i.Name))
                text.AppendLine($"  index {index.Name} ({string.Join(", ", index.Columns.Select(c => c.Name))}) unique: {index.IsUnique} filter: {index.Filter}");
            foreach (var key in table.UniqueConstraints.OrderBy(k => k.Name))
                text.AppendLine($"  key {key.Name} ({string.Join(", ", key.Columns.Select(c => c.Name))})");
            foreach (var foreignKey in table.ForeignKeyConstraints.OrderBy(f => f.Name))
                text.AppendLine($"  foreign key {foreignKey.Name} -> {foreignKey.PrincipalTable.Name} on delete: {foreignKey.OnDeleteAction}");
        }
        return text.ToString();
    }
}
