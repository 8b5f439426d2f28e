using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// The tags a member's digest follows, kept per member briefly: a tension or drift page then costs no "following this
/// tag?" query per member request (issue 19). Only the member's own settings change it: saves through SaveChanges (the
/// tag page's follow button, the digest settings, the post-publication offer) evict after commit
/// (<see cref="FollowedTagsEffect"/>); the dashboard's bulk unfollow evicts itself.
/// </summary>
public sealed class FollowedTags(CachingOptions options, TimeProvider clock) : PerMemberCache<IReadOnlySet<int>>(options, clock)
{
    public Task<IReadOnlySet<int>> OfAsync(OnDemandDb data, string memberId, CancellationToken ct) =>
        GetAsync(memberId, async () => (await data.Context.Set<DigestFollowedTag>().AsNoTracking().Where(f => f.MemberId == memberId)
            .Select(f => f.TagId).ToListAsync(ct)).ToHashSet(), ids => 1 + ids.Count / 16);
}

/// <summary>Followed tags added or removed through SaveChanges: their members' kept sets go once committed.</summary>
public sealed class FollowedTagsEffect(FollowedTags followed) : PerMemberCacheEffect<DigestFollowedTag, IReadOnlySet<int>>(followed, f => f.MemberId);
