using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Messages;

/// <param name="ModeratorName">Who of the moderators wrote, for staff only (null for members).</param>
/// <param name="FormerModerator">For staff: the moderator who wrote has since erased their account (told as the rest of the site tells a former member).</param>
public sealed record MessageLine(bool FromMember, string Body, DateTime CreatedUtc, string? ModeratorName, bool FormerModerator = false);

/// <summary>
/// A thread as staff see it: the post and its public byline (the pseudonym, or the display name of a named author);
/// for a pseudonymous post nothing here leads to the account (no id, no name, no link).
/// </summary>
public sealed record StaffThread(int Id, TargetKind Kind, int TargetId, int CaseId, string CaseTitle, string PostUrl, string? Pseudonym,
    string? AuthorName, string? AuthorId, bool AwaitsModerators, DateTime LastMessageUtc, IReadOnlyList<MessageLine> Messages);

/// <summary>A thread as its member sees it; <see cref="CaseTitle"/> is null when the case is no longer shown to them.</summary>
public sealed record MemberThread(int Id, TargetKind Kind, string? CaseTitle, string? PostUrl, IReadOnlyList<MessageLine> Messages);

public sealed class MessageQueries(CommunityDbContext db)
{
    public const int ListSize = 100;

    /// <summary>Threads for the staff page: those awaiting a moderator first, then the most recent (no messages loaded).</summary>
    public async Task<IReadOnlyList<StaffThread>> StaffListAsync(CancellationToken ct = default) =>
        (await StaffQuery(db.Set<MessageThread>().OrderByDescending(t => t.AwaitsModerators).ThenByDescending(t => t.LastMessageUtc).Take(ListSize))
            .ToListAsync(ct)).Select(r => r.View([])).ToList();

    public async Task<StaffThread?> StaffThreadAsync(int id, CancellationToken ct = default)
    {
        var row = await StaffQuery(db.Set<MessageThread>().Where(t => t.Id == id)).FirstOrDefaultAsync(ct);
        return row?.View(await LinesAsync(id, withModerators: true, ct));
    }

    public async Task<MemberThread?> MemberThreadAsync(string memberId, int id, CancellationToken ct = default)
    {
        var row = await db.Set<MessageThread>().AsNoTracking().Where(t => t.Id == id && t.MemberId == memberId)
            .Join(db.Set<Case>(), t => t.CaseId, c => c.Id, (t, c) => new
            {
                t.Id, t.TargetKind, t.TargetId, t.CaseId, c.Title, c.Slug,
                // Their own case in any state but deleted; someone else's case only while it is shown to members.
                Shown = (c.AuthorId == memberId && c.Status != CaseStatus.Deleted) || c.Status == CaseStatus.Published,
            }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var url = !row.Shown ? null : row.TargetKind == TargetKind.Reply ? CaseUrls.Reply(row.CaseId, row.TargetId) : CaseUrls.Read(row.CaseId, row.Slug);
        return new MemberThread(row.Id, row.TargetKind, row.Shown ? row.Title : null, url, await LinesAsync(id, withModerators: false, ct));
    }

    private async Task<IReadOnlyList<MessageLine>> LinesAsync(int threadId, bool withModerators, CancellationToken ct)
    {
        var members = db.Users;
        var lines = await db.Set<ModeratorMessage>().AsNoTracking().Where(m => m.ThreadId == threadId).OrderBy(m => m.Id)
            .Select(m => new MessageLine(m.FromMember, m.Body, m.CreatedUtc,
                // Members read "the moderators"; staff see which of them wrote.
                withModerators ? members.Where(u => u.Id == m.ModeratorId).Select(u => u.DisplayName).FirstOrDefault() : null))
            .ToListAsync(ct);
        // A moderator's message with no name left: the account was erased (MessagesPersonalData), not an unsigned message.
        return withModerators ? [.. lines.Select(l => l with { FormerModerator = !l.FromMember && l.ModeratorName is null })] : lines;
    }

    private sealed record StaffRow(int Id, TargetKind Kind, int TargetId, int CaseId, string Title, string Slug, string? Pseudonym,
        string? AuthorName, string? AuthorId, bool AwaitsModerators, DateTime LastMessageUtc)
    {
        public StaffThread View(IReadOnlyList<MessageLine> lines) => new(Id, Kind, TargetId, CaseId, Title,
            Kind == TargetKind.Reply ? CaseUrls.Reply(CaseId, TargetId) : CaseUrls.Read(CaseId, Slug), Pseudonym, AuthorName, AuthorId,
            AwaitsModerators, LastMessageUtc, lines);
    }

    private IQueryable<StaffRow> StaffQuery(IQueryable<MessageThread> threads)
    {
        var members = db.Users;
        return threads.AsNoTracking().Join(db.Set<Case>(), t => t.CaseId, c => c.Id, (t, c) => new StaffRow(
            t.Id, t.TargetKind, t.TargetId, t.CaseId, c.Title, c.Slug, t.UnderPseudonym ? c.Pseudonym : null,
            // The account behind a pseudonym is never read for staff (the logged reveal is the only way to it).
            t.UnderPseudonym ? null : members.Where(m => m.Id == t.MemberId).Select(m => m.DisplayName).FirstOrDefault(),
            t.UnderPseudonym ? null : t.MemberId,
            t.AwaitsModerators, t.LastMessageUtc));
    }
}
