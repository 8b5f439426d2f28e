using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Browse.Counts;

/// <summary>
/// Keeps <see cref="CaseCount"/> in step with every save that publishes, hides, rejects, restores or deletes a case,
/// changes its members-only setting or its tags (approval, moderation, flags, edits approved or direct, demo import):
/// what the case counted before the save is taken away and what it counts after is added, as row increments in the
/// save's transaction (<see cref="WriteEffectStage.KeptCounts"/>). "Before" comes from the tracked original values,
/// which <see cref="Case.Version"/> (a concurrency token every such change bumps) guarantees were the stored ones, so
/// two moderators acting at once cannot both take a case away. Increments, not recounts: a write costs a few
/// statements whatever the size of the cell. Rows written by raw SQL (the bench seeder) are counted by
/// <see cref="CaseCountsRepair"/>.
/// </summary>
internal sealed class CaseCountsEffect : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.KeptCounts;

    private sealed class Written
    {
        /// <summary>Cases whose audience may have changed, with what they counted for before the save (null: nobody).</summary>
        public readonly List<(Case Case, DateTime? Before, bool Removed)> Cases = [];
        public readonly List<CaseTag> AddedTags = [];
        public readonly List<(int CaseId, int TagId)> RemovedTags = [];
    }

    private static readonly string[] AudienceProperties = [nameof(Case.Status), nameof(Case.Visibility), nameof(Case.MembersOnlyUntilUtc)];

    public object? Collect(DbContext db)
    {
        Written? written = null;
        foreach (var entry in WrittenEntries.Of(db))
        {
            switch (entry.Entity)
            {
                case Case c when entry.State == EntityState.Added:
                    (written ??= new()).Cases.Add((c, null, false));
                    break;
                case Case c when entry.State == EntityState.Deleted || AudienceProperties.Any(p => WrittenEntries.Changed(entry.Property(p))):
                    var before = CaseAudience.OpensUtc(
                        (CaseStatus)entry.Property(nameof(Case.Status)).OriginalValue!,
                        (CaseVisibility)entry.Property(nameof(Case.Visibility)).OriginalValue!,
                        (DateTime?)entry.Property(nameof(Case.MembersOnlyUntilUtc)).OriginalValue);
                    (written ??= new()).Cases.Add((c, before, entry.State == EntityState.Deleted));
                    break;
                case CaseTag t when entry.State == EntityState.Added:
                    (written ??= new()).AddedTags.Add(t);   // its case id may be temporary until the save
                    break;
                case CaseTag t when entry.State == EntityState.Deleted:
                    (written ??= new()).RemovedTags.Add((t.CaseId, t.TagId));
                    break;
            }
        }
        return written;
    }

    public async Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct)
    {
        var written = (Written)collected;
        // Per case: what it counted for before and after the save (null: nobody).
        var audiences = written.Cases.ToDictionary(w => w.Case.Id,
            w => (w.Before, After: w.Removed ? null : CaseAudience.OpensUtc(w.Case.Status, w.Case.Visibility, w.Case.MembersOnlyUntilUtc)));
        var added = written.AddedTags.Select(t => (t.CaseId, t.TagId)).ToList();
        var retagged = added.Concat(written.RemovedTags).Select(t => t.CaseId).Where(id => !audiences.ContainsKey(id)).Distinct().ToList();
        if (retagged.Count > 0)
        {
            // Tags changed, the audience did not: the case counts for the same readers before and after.
            var states = await db.Set<Case>().AsNoTracking().Where(c => retagged.Contains(c.Id))
                .Select(c => new { c.Id, c.Status, c.Visibility, c.MembersOnlyUntilUtc }).ToListAsync(ct);
            foreach (var s in states)
            {
                var opens = CaseAudience.OpensUtc(s.Status, s.Visibility, s.MembersOnlyUntilUtc);
                audiences[s.Id] = (opens, opens);
            }
        }

        var ids = audiences.Keys.ToList();
        var tagsAfter = (await db.Set<CaseTag>().AsNoTracking().Where(t => ids.Contains(t.CaseId))
            .Select(t => new { t.CaseId, t.TagId }).ToListAsync(ct)).ToLookup(t => t.CaseId, t => t.TagId);
        var addedBy = added.ToLookup(t => t.CaseId, t => t.TagId);
        var removedBy = written.RemovedTags.ToLookup(t => t.CaseId, t => t.TagId);

        var deltas = new Dictionary<(int Tag, int Pair, DateTime Opens), int>();
        var kinds = await KindsAsync(db, tagsAfter.SelectMany(g => g).Concat(written.RemovedTags.Select(t => t.TagId)), ct);
        foreach (var (id, (before, after)) in audiences)
        {
            var now = tagsAfter[id].ToHashSet();
            var was = now.Except(addedBy[id]).Union(removedBy[id]).ToHashSet();
            if (before == after && was.SetEquals(now)) continue;
            CaseCountRows.Add(deltas, was, before, kinds, -1);
            CaseCountRows.Add(deltas, now, after, kinds, +1);
        }
        foreach (var ((tag, pair, opens), delta) in deltas.Where(d => d.Value != 0))
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CaseCounts" ("TagId", "PairTagId", "OpensUtc", "Count") VALUES ({tag}, {pair}, {opens}, {delta})
                ON CONFLICT ("TagId", "PairTagId", "OpensUtc") DO UPDATE SET "Count" = "CaseCounts"."Count" + excluded."Count"
                """, ct);
        return null;   // the caches are evicted by CaseCacheEffect, which sees the same case and tag rows
    }

    private static async Task<IReadOnlyDictionary<int, TagKind>> KindsAsync(DbContext db, IEnumerable<int> tagIds, CancellationToken ct)
    {
        var ids = tagIds.Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<int, TagKind>()
            : await db.Set<Tag>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Kind, ct);
    }

    public Task AfterCommitAsync(object prepared, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The <see cref="CaseCount"/> rows one case adds to: each of its tags, and each of its drift type × tension pairs.</summary>
internal static class CaseCountRows
{
    public static void Add(Dictionary<(int Tag, int Pair, DateTime Opens), int> rows, IReadOnlySet<int> tagIds, DateTime? opens,
        IReadOnlyDictionary<int, TagKind> kinds, int sign)
    {
        if (opens is not { } at) return;
        foreach (var tag in tagIds)
        {
            Bump((tag, 0, at));
            if (kinds.GetValueOrDefault(tag) != TagKind.DriftType) continue;
            foreach (var tension in tagIds.Where(t => kinds.GetValueOrDefault(t) == TagKind.Tension))
                Bump((tag, tension, at));
        }

        void Bump((int, int, DateTime) key) => rows[key] = rows.GetValueOrDefault(key) + sign;
    }
}
