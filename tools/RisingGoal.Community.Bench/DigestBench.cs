using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Bench;

/// <summary>
/// <c>bench-digests --digests N [--seed N]</c> on a seed-bench database: makes N members' weekly digests due at the data
/// set's anchor week (adding bench members when the set has fewer), then times the real <see cref="DigestPlanner"/>
/// composing and enqueuing them all (outbox rows; nothing is sent). Prints key=value lines for bench/run.
/// </summary>
public static class DigestBench
{
    public const string Command = "bench-digests";

    public static async Task<int> RunAsync(WebApplication app, string[] args, Func<string, int, int> option)
    {
        var count = option("digests", 10_000);
        var random = new Random(option("seed", 42));
        // The planner's "now": a Monday morning a few days after the data set's anchor, so the last week has new cases.
        var now = new DateTime(2026, 11, 2, 7, 30, 0, DateTimeKind.Utc);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();

        var step = Stopwatch.StartNew();
        var added = await EnsureMembersAsync(connection, count);
        var tagIds = await db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM \"Tags\" WHERE \"Kind\" IN (1, 2)").ToListAsync();
        var memberIds = await db.Database.SqlQueryRaw<string>(
            "SELECT \"Id\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"EmailConfirmed\" = 1 ORDER BY \"Id\" LIMIT {0}", count).ToListAsync();
        await ExecAsync(connection, "DELETE FROM \"OutboxMessages\" WHERE \"Kind\" = 1; DELETE FROM \"DigestFollowedTags\"; DELETE FROM \"DigestPreferences\";");
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var id in memberIds)
            {
                // Weekly, due now, last period ended a week ago; two members in three follow one or two tags, the rest all.
                await ExecAsync(connection, """
                    INSERT INTO "DigestPreferences" ("MemberId","Frequency","ReplyNotifications","LastDigestPeriodEndUtc","NextDigestDueUtc","BounceCount")
                    VALUES (@p0, @p1, 1, @p2, @p3, 0)
                    """, tx, id, (int)DigestFrequency.Weekly, now.AddDays(-7), now.AddMinutes(-30));
                var follows = random.Next(3) == 0 ? 0 : 1 + random.Next(2);
                foreach (var tag in Enumerable.Range(0, follows).Select(_ => tagIds[random.Next(tagIds.Count)]).Distinct())
                    await ExecAsync(connection, "INSERT INTO \"DigestFollowedTags\" (\"MemberId\",\"TagId\") VALUES (@p0, @p1)", tx, id, tag);
            }
            await tx.CommitAsync();
        }
        Console.WriteLine($"digests_setup_ms={step.ElapsedMilliseconds}");
        Console.WriteLine($"digests_members_added={added}");
        Console.WriteLine($"digests_due={memberIds.Count}");

        var planner = ActivatorUtilities.CreateInstance<DigestPlanner>(scope.ServiceProvider, new FixedClock(now));
        step.Restart();
        var (queued, skipped) = await planner.PlanAsync(CancellationToken.None);
        var elapsed = step.Elapsed;
        Console.WriteLine($"digests_queued={queued}");
        Console.WriteLine($"digests_skipped={skipped}");
        Console.WriteLine($"digests_ms={(long)elapsed.TotalMilliseconds}");
        Console.WriteLine($"digests_per_s={(queued + skipped) / Math.Max(elapsed.TotalSeconds, 0.001):F0}");
        return 0;
    }

    /// <summary>Adds confirmed bench members (no password) until there are <paramref name="count"/>.</summary>
    private static async Task<int> EnsureMembersAsync(DbConnection connection, int count)
    {
        await using var countCommand = connection.CreateCommand();
        countCommand.CommandText = "SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"EmailConfirmed\" = 1";
        var existing = Convert.ToInt32(await countCommand.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var missing = Math.Max(0, count - existing);
        await using var tx = await connection.BeginTransactionAsync();
        for (var i = 0; i < missing; i++)
        {
            var id = $"digest-bench-{i:D6}";
            var name = $"Lecteur {i:D6}";
            var email = $"digest{i}@bench.local";
            await ExecAsync(connection, """
                INSERT INTO "AspNetUsers" ("Id","DisplayName","NormalizedDisplayName","PreferredCulture","CreatedUtc","UserName","NormalizedUserName",
                  "Email","NormalizedEmail","EmailConfirmed","SecurityStamp","ConcurrencyStamp","PhoneNumberConfirmed","TwoFactorEnabled",
                  "LockoutEnabled","AccessFailedCount") VALUES (@p0,@p1,@p2,@p3,@p4,@p0,@p5,@p6,@p7,1,@p0,@p0,0,0,1,0)
                """, tx, id, name, name.ToUpperInvariant(), i % 5 == 0 ? "en" : "fr", BenchOptions.Anchor.AddDays(-400),
                id.ToUpperInvariant(), email, email.ToUpperInvariant());
        }
        await tx.CommitAsync();
        return missing;
    }

    private static Task ExecAsync(DbConnection connection, string sql) => ExecAsync(connection, sql, null);

    private static async Task ExecAsync(DbConnection connection, string sql, DbTransaction? tx, params object[] values)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = values[i];
            command.Parameters.Add(p);
        }
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow);
    }
}
