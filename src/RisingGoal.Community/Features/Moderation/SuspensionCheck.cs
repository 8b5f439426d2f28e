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
}

internal sealed class SuspensionCheck(CommunityDbContext db, TimeProvider clock) : ISuspensionCheck
{
    public async Task<bool> IsSuspendedAsync(string memberId, CancellationToken cancellationToken = default) =>
        await ActiveAsync(memberId, cancellationToken) is not null;

    public Task<SuspensionNotice?> ActiveAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Suspension>().AsNoTracking()
            .Where(s => s.MemberId == memberId && s.LiftedUtc == null && s.StartsUtc <= now && s.EndsUtc > now)
            .OrderByDescending(s => s.EndsUtc)
            .Select(s => new SuspensionNotice(s.EndsUtc, s.Reason))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
