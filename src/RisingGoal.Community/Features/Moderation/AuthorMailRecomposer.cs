using Microsoft.EntityFrameworkCore;
using MimeKit;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Rebuilds a queued approval or rejection mail with the post's current title. An approval of a post hidden since
/// is withdrawn (it would announce something no longer shown).
/// </summary>
public sealed class AuthorMailRecomposer(CommunityDbContext db, ApprovalMail approval, RejectionMail rejection) : IMailRecomposer
{
    public bool Handles(string dedupeKey) => AuthorMail.Parse(dedupeKey) is not null;

    public async Task<MimeMessage?> RecomposeAsync(OutboxMessage row, MimeMessage stored, CancellationToken cancellationToken)
    {
        if (AuthorMail.Parse(row.DedupeKey) is not var (decision, kind, id) || row.MemberId is not { } authorId) return null;
        var post = await PostAsync(kind, id, cancellationToken);
        if (post is null) return null;
        switch (decision)
        {
            case "approved" when post.Published:
                return await AuthorMail.ComposeAsync(db, authorId,
                    approval.Compose(post.Title, kind, ApprovalMail.PathTo(post.CaseId, post.Slug, post.ReplyId)), cancellationToken);
            case "rejected" when int.TryParse(stored.Headers[RejectionMail.ReasonHeader], out var reason):
                // Rebuilt with the author's suspension as it is now: no link to the drafts page while suspended, the link back once lifted.
                return await AuthorMail.ComposeAsync(db, authorId, rejection.Compose(post.Title, kind, (RejectReason)reason,
                    await ModeratorTextAsync(ModerationAction.Reject, kind, id, cancellationToken),
                    await rejection.SuspensionOfAsync(authorId, cancellationToken)), cancellationToken);
            case "edit-rejected" when int.TryParse(stored.Headers[RejectionMail.ReasonHeader], out var reason):
                return await AuthorMail.ComposeAsync(db, authorId, rejection.ComposeEdit(post.Title, kind, (RejectReason)reason,
                    await ModeratorTextAsync(ModerationAction.RejectEdit, kind, id, cancellationToken),
                    stored.Headers[RejectionMail.FollowUpHeader] == "1"), cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>What the moderator wrote to the author with the decision (kept, privately, in the log).</summary>
    private Task<string?> ModeratorTextAsync(ModerationAction action, TargetKind kind, int id, CancellationToken cancellationToken) =>
        db.Set<ModerationLogEntry>().AsNoTracking()
            .Where(e => e.Action == action && e.TargetKind == kind && (kind == TargetKind.Case ? e.CaseId == id : e.ReplyId == id))
            .OrderByDescending(e => e.Id).Select(e => e.PrivateNote).FirstOrDefaultAsync(cancellationToken);

    private sealed record Post(int CaseId, string Slug, string Title, int? ReplyId, bool Published);

    private Task<Post?> PostAsync(TargetKind kind, int id, CancellationToken cancellationToken) => kind == TargetKind.Case
        ? db.Set<Case>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Post(c.Id, c.Slug, c.Title, null, c.Status == CaseStatus.Published)).FirstOrDefaultAsync(cancellationToken)
        : (from r in db.Set<Reply>().AsNoTracking()
           join c in db.Set<Case>() on r.CaseId equals c.Id
           where r.Id == id
           select new Post(c.Id, c.Slug, c.Title, r.Id, r.Status == ReplyStatus.Published && c.Status == CaseStatus.Published))
            .FirstOrDefaultAsync(cancellationToken);
}
