using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// One line of the public log. Only what may be public: the moderator's display name, the action, the public reason,
/// and the target as the case title while that case is public (not for a refused held post) — never the private note, never removed text, never
/// the author of a case (so a pseudonym stays a pseudonym), never the member acted upon.
/// </summary>
/// <param name="ModeratorName">Null for an automatic action, and for a moderator whose account is gone (<see cref="FormerModerator"/>).</param>
public sealed record PublicLogLine(long Id, DateTime CreatedUtc, string? ModeratorName, ModerationAction Action,
    TargetKind TargetKind, string? CaseTitle, string? CaseUrl, string? PublicReason)
{
    public bool FormerModerator { get; init; }
}

public sealed class PublicLog(CommunityDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Newest first; <paramref name="before"/> is the last id of the previous page (seek pagination).</summary>
    public async Task<(IReadOnlyList<PublicLogLine> Lines, long? Next)> PageAsync(long? before)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<ModerationLogEntry>().AsNoTracking();
        if (before is { } b) query = query.Where(e => e.Id < b);
        var rows = await (from e in query
                          join c in db.Set<Case>() on e.CaseId equals c.Id into cases
                          from c in cases.DefaultIfEmpty()
                          orderby e.Id descending
                          select new
                          {
                              e.Id, e.CreatedUtc, e.ModeratorId, e.ModeratorName, e.Action, e.TargetKind, e.PublicReason,
                              Title = c == null ? null : c.Title, Slug = c == null ? null : c.Slug, CaseId = c == null ? (int?)null : c.Id,
                              // A private message: which post's author was written to is nobody else's business. A refusal is
                              // of a post held for review, never public: naming its case would say that this discussion holds a
                              // refused reply, or that its author tried to publish an edit (with the reason: what it contained).
                              Public = c != null && e.Action != ModerationAction.MessageAuthor && !RefusesHeldPost(e.Action) && c.Status == CaseStatus.Published &&
                                       (c.Visibility == CaseVisibility.Public || (c.MembersOnlyUntilUtc != null && c.MembersOnlyUntilUtc <= now)),
                          }).Take(PageSize + 1).ToListAsync();
        var lines = rows.Take(PageSize).Select(r => new PublicLogLine(r.Id, r.CreatedUtc, r.ModeratorId is null ? null : r.ModeratorName,
            r.Action, r.TargetKind, r.Public ? r.Title : null, r.Public ? $"/cases/{r.CaseId}/{r.Slug}" : null, r.PublicReason)
        {
            FormerModerator = r.ModeratorId is null && r.ModeratorName == ModerationLogEntry.FormerModeratorName,
        }).ToList();
        return (lines, rows.Count > PageSize ? lines[^1].Id : null);
    }

    /// <summary>Refusing a held case, reply, follow-up or edit: the log says so without naming where.</summary>
    public static bool RefusesHeldPost(ModerationAction action) => action is ModerationAction.Reject or ModerationAction.RejectEdit;
}
