using System.Runtime.CompilerServices;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Moves the schedules of many members at once, each only if it still shows the due instant the planner read, and says
/// which ones moved: the planner writes the digests of those members and no others (the exactly-once guard). One
/// <c>UPDATE … RETURNING</c>; SQLite (3.35 and later) and PostgreSQL both take this SQL as it is, as they take
/// <c>CaseCountsEffect</c>'s upsert, so no dialect is needed. The members go one parameter each (a batch is at most 1,000).
/// </summary>
public static class DigestScheduleMoves
{
    /// <summary>A set of schedules that move the same way: same due instant read, same next instant and outcome.</summary>
    public sealed record Move(DateTime DueUtc, DateTime NextDueUtc, DateTime PeriodEndUtc, string Outcome, DateTime PlannedUtc);

    /// <returns>The members whose schedule this call moved (the others were moved by someone else first).</returns>
    public static async Task<List<string>> ApplyAsync(CommunityDbContext db, Move move, IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        if (memberIds.Count == 0) return [];
        object[] values = [move.NextDueUtc, move.PeriodEndUtc, move.Outcome, move.PlannedUtc, move.DueUtc, .. memberIds];
        var members = string.Join(", ", Enumerable.Range(5, memberIds.Count).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}"));
        // A composite format for EF: {0}…{4} and each {5+i} become parameters.
        var sql = FormattableStringFactory.Create($$"""
            UPDATE "DigestPreferences"
            SET "NextDigestDueUtc" = {0}, "LastDigestPeriodEndUtc" = {1}, "LastOutcome" = {2}, "LastPlannedUtc" = {3}
            WHERE "NextDigestDueUtc" = {4} AND "MemberId" IN ({{members}})
            RETURNING "MemberId" AS "Value"
            """, values);
        return await db.Database.SqlQuery<string>(sql).ToListAsync(cancellationToken);
    }
}
