using System.Data;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Browse.Counts;

/// <summary>
/// Counts again, from the cases, every <see cref="CaseCount"/> row and replaces the kept ones, logging each row that
/// differed: the <c>recount</c> command, the bench seeder (whose rows bypass SaveChanges), and tests that compare.
/// The only place the grouped count over cases runs; no request calls it.
/// </summary>
public static class CaseCountsRepair
{
    public sealed record Report(int Rows, IReadOnlyList<string> Changes);

    /// <summary>What the kept rows should hold, counted from the published cases (rows of zero left out).</summary>
    public static async Task<IReadOnlyDictionary<(int Tag, int Pair, DateTime Opens), int>> CountAsync(CommunityDbContext db, CancellationToken ct)
    {
        var published = db.Set<Case>().Where(c => c.Status == CaseStatus.Published);
        var singles = await (
                from t in db.Set<CaseTag>()
                join c in published on t.CaseId equals c.Id
                group t by new { t.TagId, c.Visibility, c.MembersOnlyUntilUtc } into g
                select new { Tag = g.Key.TagId, Pair = 0, g.Key.Visibility, g.Key.MembersOnlyUntilUtc, Count = g.Count() })
            .ToListAsync(ct);
        var drifts = db.Set<Tag>().Where(t => t.Kind == TagKind.DriftType).Select(t => t.Id);
        var tensions = db.Set<Tag>().Where(t => t.Kind == TagKind.Tension).Select(t => t.Id);
        var pairs = await (
                from d in db.Set<CaseTag>()
                join t in db.Set<CaseTag>() on d.CaseId equals t.CaseId
                join c in published on d.CaseId equals c.Id
                where drifts.Contains(d.TagId) && tensions.Contains(t.TagId)
                group d by new { Drift = d.TagId, Tension = t.TagId, c.Visibility, c.MembersOnlyUntilUtc } into g
                select new { Tag = g.Key.Drift, Pair = g.Key.Tension, g.Key.Visibility, g.Key.MembersOnlyUntilUtc, Count = g.Count() })
            .ToListAsync(ct);
        var rows = new Dictionary<(int, int, DateTime), int>();
        foreach (var r in singles.Concat(pairs))
        {
            var key = (r.Tag, r.Pair, CaseAudience.OpensUtc(CaseStatus.Published, r.Visibility, r.MembersOnlyUntilUtc)!.Value);
            rows[key] = rows.GetValueOrDefault(key) + r.Count;
        }
        return rows;
    }

    /// <summary>The kept rows, those of zero left out (a cell emptied by writes keeps its row at zero).</summary>
    public static async Task<IReadOnlyDictionary<(int Tag, int Pair, DateTime Opens), int>> KeptAsync(CommunityDbContext db, CancellationToken ct) =>
        (await db.Set<CaseCount>().AsNoTracking().Where(c => c.Count != 0).ToListAsync(ct))
            .ToDictionary(c => (c.TagId, c.PairTagId, c.OpensUtc), c => c.Count);

    /// <summary>
    /// Replaces the kept rows by a fresh count, in one serializable transaction so that a write running meanwhile is
    /// either counted or waits (or fails and is retried by its author), never lost.
    /// </summary>
    public static async Task<Report> RepairAsync(CommunityDbContext db, ILogger logger, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var kept = await KeptAsync(db, ct);
        var counted = await CountAsync(db, ct);
        var changes = kept.Keys.Union(counted.Keys)
            .Where(k => kept.GetValueOrDefault(k) != counted.GetValueOrDefault(k))
            .OrderBy(k => k.Tag).ThenBy(k => k.Pair).ThenBy(k => k.Opens)
            .Select(k => $"tag {k.Tag}{(k.Pair == 0 ? "" : $" × {k.Pair}")} ({Audience(k.Opens)}): kept {kept.GetValueOrDefault(k)}, counted {counted.GetValueOrDefault(k)}")
            .ToList();
        await db.Set<CaseCount>().ExecuteDeleteAsync(ct);
        db.AddRange(counted.Select(c => new CaseCount(c.Key.Tag, c.Key.Pair, c.Key.Opens, c.Value)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var change in changes) logger.LogWarning("Kept case count corrected: {Change}", change);
        logger.LogInformation("Case counts recounted: {Rows} rows, {Changes} corrected", counted.Count, changes.Count);
        return new Report(counted.Count, changes);
    }

    private static string Audience(DateTime opens) =>
        opens == CaseAudience.Always ? "public" : opens == CaseAudience.Never ? "members only" : $"members only until {opens:yyyy-MM-dd HH:mm}";
}
