using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>Writes and reads a member's own edits waiting for review (<see cref="PendingEdit"/>).</summary>
public sealed class PendingEdits(CommunityDbContext db)
{
    /// <summary>Saves the proposed edit, replacing the member's earlier one on the same post.</summary>
    public async Task ProposeAsync(PendingEdit edit, CancellationToken ct)
    {
        await db.Set<PendingEdit>()
            .Where(e => e.CaseId == edit.CaseId && e.ReplyId == edit.ReplyId && e.AuthorId == edit.AuthorId)
            .ExecuteDeleteAsync(ct);
        db.Add(edit);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The member's edits waiting for review on this case (the case itself and their replies).</summary>
    public Task<List<PendingEdit>> MineAsync(int caseId, string memberId, CancellationToken ct) =>
        db.Set<PendingEdit>().AsNoTracking().Where(e => e.CaseId == caseId && e.AuthorId == memberId)
            .OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id).ToListAsync(ct);

    public Task<PendingEdit?> OfAsync(int caseId, int? replyId, string memberId, CancellationToken ct) =>
        db.Set<PendingEdit>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.CaseId == caseId && e.ReplyId == replyId && e.AuthorId == memberId, ct);
}
