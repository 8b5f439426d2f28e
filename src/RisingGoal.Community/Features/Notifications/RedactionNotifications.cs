using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>After a redaction is saved, its author is told in the site (never what was removed, never by whom).</summary>
internal sealed class RedactionNotifications(CommunityDbContext db, NotificationCenter notifications) : IRedactionListener
{
    public async Task OnRedactedAsync(TargetKind kind, int caseId, int? replyId, CancellationToken cancellationToken)
    {
        var authorId = kind switch
        {
            TargetKind.Case => await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId).Select(c => c.AuthorId).FirstOrDefaultAsync(cancellationToken),
            TargetKind.Reply when replyId is { } id =>
                await db.Set<Reply>().AsNoTracking().Where(r => r.Id == id).Select(r => r.AuthorId).FirstOrDefaultAsync(cancellationToken),
            _ => null,
        };
        await notifications.ModeratedAsync(ModerationAction.Redact, kind, caseId, replyId ?? 0, authorId, cancellationToken);
    }
}
