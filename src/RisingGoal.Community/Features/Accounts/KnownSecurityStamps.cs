using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The security stamps this process has written since it started, so that a cookie carrying an older one (a session
/// opened before a password change or reset, "sign out everywhere", an e-mail change, a revoked role, an unlock) is
/// refused at its very next request instead of when the validation interval runs out, at the cost of one dictionary
/// read. Filled by <see cref="SecurityStampEffect"/> from every save of a member, whichever road changed the stamp.
/// One instance only knows its own writes: with several instances (PostgreSQL deployments), a change made on another
/// one reaches this one's sessions at the validation interval, as before; a cookie this one thinks outdated is
/// re-checked against the database (<see cref="CookieRevalidation"/>) before being refused.
/// </summary>
public sealed class KnownSecurityStamps
{
    // Member id → their current stamp; null once the member is deleted (no cookie of theirs is current any more).
    private readonly ConcurrentDictionary<string, string?> _stamps = new();

    /// <summary>True when this process wrote a stamp for the member other than the one <paramref name="principal"/> carries.</summary>
    public bool Outdates(ClaimsPrincipal principal, string stampClaimType) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } memberId
        && _stamps.TryGetValue(memberId, out var known)
        && known != principal.FindFirstValue(stampClaimType);

    public void Record(string memberId, string? stamp) => _stamps[memberId] = stamp;
}

/// <summary>
/// Hands every committed change of a member's security stamp (and every deletion) to <see cref="KnownSecurityStamps"/>.
/// Identity changes the stamp only through the user store's save, so this one hook sees every road: UserManager's
/// password, e-mail, two-factor and stamp methods alike. Recorded after commit: a rolled-back change ends no session.
/// </summary>
internal sealed class SecurityStampEffect(KnownSecurityStamps known) : IWriteEffect
{
    public WriteEffectStage Stage => WriteEffectStage.Caches;

    public object? Collect(DbContext db)
    {
        var changed = db.ChangeTracker.Entries<Member>()
            .Where(e => e.State == EntityState.Deleted
                        || e.State == EntityState.Modified && WrittenEntries.Changed(e.Property(m => m.SecurityStamp)))
            .Select(e => (e.Entity.Id, Stamp: e.State == EntityState.Deleted ? null : e.Entity.SecurityStamp))
            .ToList();
        return changed.Count > 0 ? changed : null;
    }

    public Task<object?> AfterSaveAsync(DbContext db, object collected, CancellationToken ct) => Task.FromResult<object?>(collected);

    public Task AfterCommitAsync(object prepared, CancellationToken ct)
    {
        foreach (var (memberId, stamp) in (List<(string, string?)>)prepared)
            known.Record(memberId, stamp);
        return Task.CompletedTask;
    }
}
