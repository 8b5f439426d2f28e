using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// When a moderator last took text off the site. The log is append-only and its ids grow with time, so the newest
/// removal is found by walking the primary key backwards: one short query per outbox batch.
/// </summary>
public sealed class ContentRemovals(CommunityDbContext db) : IContentRemovals
{
    /// <summary>The actions after which a message written earlier may quote text that is no longer shown.</summary>
    private static readonly ModerationAction[] Removing =
        [ModerationAction.Hide, ModerationAction.AutoHide, ModerationAction.Redact, ModerationAction.PurgeRevisions, ModerationAction.Reject];

    public async Task<DateTime?> LatestUtcAsync(CancellationToken cancellationToken) =>
        await db.Set<ModerationLogEntry>().AsNoTracking()
            .Where(e => Removing.Contains(e.Action))
            .OrderByDescending(e => e.Id)
            .Select(e => (DateTime?)e.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
}
