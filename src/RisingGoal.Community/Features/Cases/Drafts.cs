using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

public sealed record DraftRow(Guid Id, string Title, DateTime UpdatedUtc, bool Returned);

/// <summary>
/// A member's drafts. Every read and write is by (draft id, member id): another member's draft is "not found",
/// whatever its id.
/// </summary>
public sealed class Drafts(CommunityDbContext db, TimeProvider clock, DraftCounts counts)
{
    /// <summary>A member keeps at most this many drafts: a loop of new composers cannot fill the database.</summary>
    public const int MaxPerMember = 50;

    public Task<Draft?> FindAsync(Guid id, string memberId, CancellationToken ct) =>
        db.Set<Draft>().FirstOrDefaultAsync(d => d.Id == id && d.MemberId == memberId, ct);

    public async Task<IReadOnlyList<DraftRow>> ListAsync(string memberId, CancellationToken ct) =>
        await db.Set<Draft>().AsNoTracking().Where(d => d.MemberId == memberId)
            .OrderByDescending(d => d.UpdatedUtc).ThenBy(d => d.Id)
            .Select(d => new DraftRow(d.Id, d.Title, d.UpdatedUtc, d.RejectedCaseId != null))
            .ToListAsync(ct);

    public enum SaveOutcome { Saved, NotFound, TooMany }

    /// <summary>
    /// Saves the composer into its draft: the same id updates the same row (idempotent). An id that belongs to
    /// another member is "not found"; a new id past <see cref="MaxPerMember"/> is refused.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(Guid id, string memberId, CaseInput input, CancellationToken ct) =>
        await SaveAsync(id, memberId, input, retried: false, ct);

    private async Task<SaveOutcome> SaveAsync(Guid id, string memberId, CaseInput input, bool retried, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await db.Set<Draft>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (draft is not null && draft.MemberId != memberId) return SaveOutcome.NotFound;
        if (draft is null)
        {
            if (await db.Set<Draft>().CountAsync(d => d.MemberId == memberId, ct) >= MaxPerMember) return SaveOutcome.TooMany;
            draft = Draft.Start(id, memberId, now);
            db.Add(draft);
        }
        draft.Write(input, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!retried && db.Entry(draft).State == EntityState.Added)
        {
            // Two saves of a new draft raced (autosave and the button): the other one created it; save again, once, as an update.
            db.Entry(draft).State = EntityState.Detached;
            return await SaveAsync(id, memberId, input, retried: true, ct);
        }
        return SaveOutcome.Saved;
    }

    /// <summary>
    /// A rejected case goes back to its author as a draft carrying the moderator's reason (once per case), so they
    /// can edit it and submit it again. Saved with the caller's transaction (the rejection and its mail). Refused because
    /// it identifies someone (<paramref name="namesToRemove"/>), it comes back with "names removed" unticked: the author
    /// confirms again, after editing, what the moderators found untrue.
    /// </summary>
    public async Task ReturnRejectedAsync(Case @case, string reason, bool namesToRemove, CancellationToken ct)
    {
        if (@case.AuthorId is null || await db.Set<Draft>().AnyAsync(d => d.RejectedCaseId == @case.Id, ct)) return;
        var tags = await db.Set<CaseTag>().Where(t => t.CaseId == @case.Id)
            .Join(db.Set<Taxonomy.Tag>(), x => x.TagId, t => t.Id, (_, t) => new { t.Id, t.Kind }).ToListAsync(ct);
        var input = CaseInput.From(@case, tags.Select(t => (t.Id, t.Kind)));
        if (namesToRemove) input.NamesRemoved = false;
        db.Add(Draft.ReturnedFrom(@case, input, reason, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a draft of this member (published, or deleted from the list); nothing happens for anyone else's.</summary>
    public async Task<int> DeleteAsync(Guid id, string memberId, CancellationToken ct)
    {
        var deleted = await db.Set<Draft>().Where(d => d.Id == id && d.MemberId == memberId).ExecuteDeleteAsync(ct);
        counts.Evict(memberId);   // a bulk delete passes no write effect
        return deleted;
    }
}
