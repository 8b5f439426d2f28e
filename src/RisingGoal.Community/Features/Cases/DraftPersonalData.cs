using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>A member's drafts are theirs: in their export, and gone with their account.</summary>
internal sealed class DraftPersonalData(CommunityDbContext db) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var drafts = await db.Set<Draft>().AsNoTracking().Where(d => d.MemberId == memberId).OrderBy(d => d.CreatedUtc).ToListAsync(cancellationToken);
        return ("drafts", drafts.Select(d => new
        {
            d.Id, d.Title, Content = System.Text.Json.JsonDocument.Parse(d.Content).RootElement, d.CreatedUtc, d.UpdatedUtc, d.RejectedCaseId, d.ModeratorReason,
        }).ToList());
    }

    public Task EraseAsync(string memberId, CancellationToken cancellationToken) =>
        db.Set<Draft>().Where(d => d.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
}
