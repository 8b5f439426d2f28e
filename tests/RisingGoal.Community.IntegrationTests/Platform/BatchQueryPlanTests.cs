using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests.Admin;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// The jobs that walk whole tables (the search index rebuild, the start-up check for bodies an older renderer wrote)
/// must read by key or by index. A plan that scans a table or sorts a temporary B-tree is invisible on a test database
/// and costs minutes on the bench set (a status index plus a sort joined every case's body for each rebuild batch; the
/// start-up check read every reply). SQLite's own planner is asked, on the app's real schema.
/// </summary>
public sealed class BatchQueryPlanTests
{
    [SqliteOnlyFact]   // EXPLAIN QUERY PLAN is SQLite's; PostgreSQL's planner decides from statistics a test database lacks
    public async Task The_index_rebuild_reads_each_batch_by_primary_key_range()
    {
        await using var app = new CommunityAppFactory();
        var plans = await app.Query(async db => new[]
        {
            await PlanAsync(db, SearchIndexBase.CaseBatch(db, 100)),
            await PlanAsync(db, SearchIndexBase.ReplyBatch(db, 100)),
        });

        foreach (var plan in plans)
        {
            Assert.Contains("USING INTEGER PRIMARY KEY (rowid>?)", plan);
            Assert.DoesNotMatch(@"(?m)^SCAN ", plan);
            Assert.DoesNotContain("TEMP B-TREE", plan);
        }
    }

    [SqliteOnlyFact]   // as above
    public async Task The_start_up_check_for_outdated_bodies_seeks_an_index_instead_of_reading_every_body()
    {
        await using var app = new CommunityAppFactory();
        var plans = await app.Query(async db => new[]
        {
            await PlanAsync(db, StoredBodies.OutdatedCases(db)),
            await PlanAsync(db, StoredBodies.OutdatedReplies(db)),
            await PlanAsync(db, StoredBodies.OutdatedFollowUps(db)),
        });

        Assert.Contains("IX_CaseBodies_RendererVersion", plans[0]);
        Assert.Contains("IX_Replies_RendererVersion", plans[1]);
        Assert.Contains("IX_FollowUps_RendererVersion", plans[2]);
        foreach (var plan in plans)
        {
            Assert.DoesNotMatch(@"(?m)^SCAN ", plan);   // a full walk of a table, whatever its alias
            Assert.DoesNotContain("TEMP B-TREE", plan);
        }
    }

    [SqliteOnlyFact]   // as above
    public async Task The_outbox_page_reads_only_the_mail_of_authors_under_a_pseudonym_by_the_recipient_index()
    {
        // Every view of /admin/outbox decides which mail is masked: walking the outbox grew with its whole history.
        await using var app = new CommunityAppFactory();
        var plan = await app.Query(db => PlanAsync(db, PseudonymousRecipients.Candidates(db)));

        Assert.Contains("IX_OutboxMessages_MemberId", plan);
        Assert.DoesNotMatch(@"(?m)^SCAN o\b", plan);   // the outbox itself is never walked
    }

    [SqliteOnlyFact]   // as above
    public async Task The_authors_who_may_receive_masked_mail_are_read_from_the_pseudonymous_cases_index_only()
    {
        // The other side of the join above: the few authors under a pseudonym, without walking every case.
        await using var app = new CommunityAppFactory();
        var plan = await app.Query(db => PlanAsync(db, PseudonymousRecipients.Candidates(db)));

        Assert.Contains("USING COVERING INDEX IX_Cases_PseudonymousAuthors", plan);
        Assert.DoesNotMatch(@"(?m)^SCAN c\b(?! USING COVERING INDEX IX_Cases_PseudonymousAuthors)", plan);
    }

    /// <summary>SQLite's plan for the query EF sends (parameters left unbound: the plan does not depend on them).</summary>
    private static async Task<string> PlanAsync<T>(CommunityDbContext db, IQueryable<T> query)
    {
        var sql = string.Join('\n', query.ToQueryString().Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join('\n', lines);
    }
}
