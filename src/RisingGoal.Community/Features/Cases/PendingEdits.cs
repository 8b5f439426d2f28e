using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>Writes and reads a member's own edits waiting for review (<see cref="PendingEdit"/>).</summary>
public sealed class PendingEdits(OnDemandDb data)
{
    /// <summary>Built at first use: the case page asks for the member's edits only when their marks say there are some.</summary>
    private CommunityDbContext db => data.Context;

    /// <summary>Saves the proposed edit, replacing the member's earlier edit of the same post (follow-ups add up).</summary>
    public async Task ProposeAsync(PendingEdit edit, CancellationToken ct)
    {
        if (!edit.IsFollowUp)
            await db.Set<PendingEdit>()
                .Where(e => e.CaseId == edit.CaseId && e.ReplyId == edit.ReplyId && e.FollowUpStatus == null && e.AuthorId == edit.AuthorId)
                .ExecuteDeleteAsync(ct);
        db.Add(edit);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The member's edits waiting for review on this case (the case itself and their replies).</summary>
    public Task<List<PendingEdit>> MineAsync(int caseId, string memberId, CancellationToken ct) =>
        db.Set<PendingEdit>().AsNoTracking().Where(e => e.CaseId == caseId && e.AuthorId == memberId)
            .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id).ToListAsync(ct);

    /// <summary>The member's edit of the case (<paramref name="replyId"/> null) or of their reply waiting for review.</summary>
    public Task<PendingEdit?> OfAsync(int caseId, int? replyId, string memberId, CancellationToken ct) =>
        db.Set<PendingEdit>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.CaseId == caseId && e.ReplyId == replyId && e.FollowUpStatus == null && e.AuthorId == memberId, ct);
}
