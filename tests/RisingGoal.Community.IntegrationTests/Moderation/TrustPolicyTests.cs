using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>The service the Cases handlers call after building a post, on the real database.</summary>
public sealed class TrustPolicyTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private IServiceProvider Services => factory.Services;

    [Fact]
    public async Task A_new_members_first_case_is_held_then_the_next_publishes_after_approval()
    {
        var member = await factory.Seed(A.Member());
        Assert.True(await HeldAsync(member.Id));
        await factory.Seed(A.Case().By(member));          // an approved (published) case
        Assert.False(await HeldAsync(member.Id));
    }

    [Fact]
    public async Task Moderators_publish_directly()
    {
        var moderator = await factory.Seed(A.Member().WithRole("Moderator"));
        Assert.False(await HeldAsync(moderator.Id));
    }

    [Fact]
    public async Task Untrusted_members_are_limited_in_links_trusted_ones_are_not()
    {
        var member = await factory.Seed(A.Member());
        var moderator = await factory.Seed(A.Member().WithRole("Moderator"));
        using var scope = Services.CreateScope();
        var trust = scope.ServiceProvider.GetRequiredService<TrustPolicy>();
        const string links = "https://a.example https://b.example https://c.example";

        Assert.Null(await trust.CheckLinksAsync(member.Id, PostedAs.Name, "https://a.example", "https://b.example"));
        Assert.Contains("2", await trust.CheckLinksAsync(member.Id, PostedAs.Name, links));
        Assert.Null(await trust.CheckLinksAsync(moderator.Id, PostedAs.Name, links));
    }

    [Fact]
    public async Task Pending_posts_are_visible_to_their_author_and_staff_only()
    {
        var author = await factory.Seed(A.Member());
        var other = await factory.Seed(A.Member());
        var pending = await factory.Seed(A.Case().By(author).Pending());
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        async Task<bool> Sees(string? memberId, bool staff) => await factory.Query(db =>
            db.Set<Case>().VisibleOrAwaitingReview(memberId, staff, now).AnyAsync(c => c.Id == pending.Id));

        Assert.True(await Sees(author.Id, false));
        Assert.True(await Sees(other.Id, true));
        Assert.False(await Sees(other.Id, false));
        Assert.False(await Sees(null, false));
        Assert.True(pending.CanSee(author.Id, false, now));
        Assert.False(pending.CanSee(other.Id, false, now));
    }

    /// <summary>What the trust policy decides for a case the member is about to post (built, not saved, as the handler holds it).</summary>
    private async Task<bool> HeldAsync(string memberId)
    {
        var draft = await A.Case().By(memberId).DraftAsync(Services);
        using var scope = Services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<TrustPolicy>().ApplyAsync(draft, memberId);
        Assert.Equal(held, draft.Status == CaseStatus.Pending);
        Assert.Equal(0, draft.Id);   // deciding saves nothing
        return held;
    }
}
