using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// A member's own state on one case, as the case page shows it: their resonance, saved and followed marks, whether
/// something of theirs waits for review there (a reply, edits) and their read state of the discussion.
/// </summary>
public sealed record CaseMarks(bool Resonated, bool Bookmarked, bool Following, bool OwnPendingReply, bool OwnPendingEdit,
    int? LastReadReplyId, int? SeenReplyCount, bool UnreadNotifications)
{
    public static readonly CaseMarks None = new(false, false, false, false, false, null, null, false);
}

/// <summary>
/// <see cref="CaseMarks"/> kept per member for the cases they open (issue 19, item 1): a member's case page served from
/// the shared caches then sends no query and builds no <see cref="CommunityDbContext"/> at all (that one query and the
/// context were a third of the page's CPU, bench/results/2026-12-03-profile-member-case.md).
/// <para>
/// Kept correct by eviction after commit: every row the marks are read from, written through SaveChanges, evicts its
/// member (<see cref="CaseMarksEffect"/>); bulk updates and deletes of those rows evict where they run (reactions, read
/// tracking, notifications marked read, personal data). Writes to cases and replies by anyone (a moderator approving
/// the member's reply) move <see cref="CaseCache.Generation"/>, which drops every kept mark. Another instance's writes
/// show within <c>Caching:Seconds</c>, as for the other per-member caches.
/// </para>
/// </summary>
public sealed class CaseMarksCache(CaseCache cases, CachingOptions options, TimeProvider clock)
    : PerMemberCache<ImmutableDictionary<int, CaseMarks>>(options, clock, () => cases.Generation)
{
    /// <summary>A member opening more cases than this within the lifetime starts a new map (a bound, not an LRU).</summary>
    private const int MostCasesKept = 256;

    public Task<CaseMarks> OfAsync(string memberId, int caseId, Func<Task<CaseMarks>> read) =>
        GetPartAsync(memberId,
            kept => kept.TryGetValue(caseId, out var marks) ? (true, marks) : (false, CaseMarks.None),
            read,
            (kept, marks) => (kept is null || kept.Count >= MostCasesKept ? ImmutableDictionary<int, CaseMarks>.Empty : kept).SetItem(caseId, marks),
            kept => kept.Count / 32 + 1);
}

/// <summary>Rows the marks are read from, written through SaveChanges: their members' kept marks go once committed.</summary>
public sealed class CaseMarksEffect(CaseMarksCache marks) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.Caches;

    public object? Collect(DbContext db)
    {
        var members = WrittenEntries.Of(db).Select(entry => entry.Entity switch
        {
            Resonance r => r.MemberId,
            Bookmark b => b.MemberId,
            CaseFollow f => f.MemberId,
            Reply r => r.AuthorId,
            PendingEdit e => e.AuthorId,
            Notifications.DiscussionRead d => d.MemberId,
            Notifications.Notification n => n.RecipientId,
            _ => null,
        }).OfType<string>().ToHashSet();
        return members.Count > 0 ? members : null;
    }

    public Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct) => Task.FromResult<object?>(collected);

    public Task AfterCommitAsync(object prepared, CancellationToken ct)
    {
        marks.Evict((HashSet<string>)prepared);
        return Task.CompletedTask;
    }
}
