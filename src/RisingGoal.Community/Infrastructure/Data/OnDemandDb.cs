namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// The request's <see cref="CommunityDbContext"/>, built at its first use (the same scoped instance as injecting it).
/// For reads that are mostly answered from the shared and per-member caches: a member's list page served from them
/// builds no context at all (its construction was about 6 % of such a request's CPU in the profile of
/// bench/results/2026-12-02-profile-members-3.md).
/// </summary>
public sealed class OnDemandDb(IServiceProvider services)
{
    private CommunityDbContext? _context;

    public CommunityDbContext Context => _context ??= services.GetRequiredService<CommunityDbContext>();
}
