using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// When text was last taken off the site or changed: by a moderator (the log), or by anyone through a save
/// (<see cref="ShownTextChange"/>: an author's own edit or deletion, an account erased). Both are append-only with ids
/// that grow with time, so each newest row is found by walking its primary key backwards: two short queries per
/// outbox batch.
/// </summary>
public sealed class ContentRemovals(CommunityDbContext db) : IContentRemovals
{
    /// <summary>The actions after which a message written earlier may quote text that is no longer shown.</summary>
    private static readonly ModerationAction[] Removing =
        [ModerationAction.Hide, ModerationAction.AutoHide, ModerationAction.Redact, ModerationAction.PurgeRevisions, ModerationAction.ReplacePseudonym, ModerationAction.Reject];

    public async Task<DateTime?> LatestUtcAsync(CancellationToken cancellationToken)
    {
        var moderated = await db.Set<ModerationLogEntry>().AsNoTracking()
            .Where(e => Removing.Contains(e.Action))
            .OrderByDescending(e => e.Id)
            .Select(e => (DateTime?)e.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        var changed = await db.Set<ShownTextChange>().AsNoTracking()
            .OrderByDescending(c => c.Id)
            .Select(c => (DateTime?)c.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        return changed is null || moderated > changed ? moderated : changed;   // the later of the two
    }
}
