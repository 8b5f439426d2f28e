using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// A member's conversations with the moderators are theirs: exported (without which moderator wrote), and erased with
/// the account (the foreign keys cascade too). A moderator who leaves is no longer named on the messages they wrote.
/// </summary>
internal sealed class MessagesPersonalData(CommunityDbContext db) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var threads = db.Set<MessageThread>().Where(t => t.MemberId == memberId);
        var messages = await db.Set<ModeratorMessage>().AsNoTracking()
            .Join(threads, m => m.ThreadId, t => t.Id, (m, t) => new { m.Id, Thread = t.Id, About = t.TargetKind.ToString(), t.TargetId, m.FromMember, m.Body, m.CreatedUtc })
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return ("messages", messages.Select(m => new { m.Thread, m.About, m.TargetId, From = m.FromMember ? "you" : "moderators", m.Body, m.CreatedUtc }).ToList());
    }

    public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
    {
        var threads = db.Set<MessageThread>().Where(t => t.MemberId == memberId).Select(t => t.Id);
        await db.Set<ModeratorMessage>().Where(m => threads.Contains(m.ThreadId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MessageThread>().Where(t => t.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ModeratorMessage>().Where(m => m.ModeratorId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ModeratorId, (string?)null), cancellationToken);
    }
}
