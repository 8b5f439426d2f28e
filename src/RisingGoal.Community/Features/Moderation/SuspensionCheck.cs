using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>What a suspended member is told: until when, and why.</summary>
public sealed record SuspensionNotice(DateTime EndsUtc, string Reason);

/// <summary>The Cases handlers ask this before accepting a case or a reply.</summary>
public interface ISuspensionCheck
{
    Task<bool> IsSuspendedAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>The suspension in force (the one ending last), else null.</summary>
    Task<SuspensionNotice?> ActiveAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Those of <paramref name="memberIds"/> suspended now, in one query (a batch of digests).</summary>
    Task<HashSet<string>> SuspendedAmongAsync(IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken = default);
}

internal sealed class SuspensionCheck(CommunityDbContext db, TimeProvider clock) : ISuspensionCheck
{
    public async Task<bool> IsSuspendedAsync(string memberId, CancellationToken cancellationToken = default) =>
        await ActiveAsync(memberId, cancellationToken) is not null;

    public Task<SuspensionNotice?> ActiveAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Suspension>().AsNoTracking()
            .ActiveAt(now).Where(s => s.MemberId == memberId)
            .OrderByDescending(s => s.EndsUtc)
            .Select(s => new SuspensionNotice(s.EndsUtc, s.Reason))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<HashSet<string>> SuspendedAmongAsync(IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken = default)
    {
        var ids = memberIds.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        return (await db.Set<Suspension>().AsNoTracking().ActiveAt(now).Where(s => ids.Contains(s.MemberId))
            .Select(s => s.MemberId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }
}
