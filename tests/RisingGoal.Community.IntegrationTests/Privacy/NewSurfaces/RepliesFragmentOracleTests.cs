using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A case page's rendered replies are a cached fragment, keyed by a generation of the caches. Visitors' fragments must
/// follow only the writes visitors can see (<c>CaseCache.VisitorGeneration</c>), as their read model does: keyed by the
/// all-writers generation, a reply on a members-only case re-rendered every visitor's fragment, which a visitor timing
/// the page (once its cached copy expired) read as "someone just wrote where I cannot see". Members' fragments follow
/// every write. Caching on, as in production.
/// </summary>
public sealed class RepliesFragmentOracleTests
{
    /// <summary>The key the case page's replies fragment is kept under for this reader (null: a visitor).</summary>
    private static async Task<string> RepliesKeyAsync(CommunityAppFactory app, int caseId, string? memberId)
    {
        var slug = await app.SlugAsync(caseId);
        using var scope = app.Services.CreateScope();
        using var _ = CultureScope.Use(CultureInfo.GetCultureInfo("fr"));
        var answer = await scope.ServiceProvider.GetRequiredService<CasePageQuery>()
            .LoadAsync(new CasePageRequest(caseId, slug, null, null, SortHelpful: false, memberId, Staff: false, Holes: false), default);
        return Assert.IsType<string>(answer.Content!.RepliesCacheKey);
    }

    [Fact]
    public async Task A_reply_on_a_members_only_case_leaves_visitors_replies_fragments_alone_and_moves_members_ones()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Named("Mia Réservée").WithPublishedCases(3));   // trusted: her replies are not held
        var reader = await app.Seed(A.Member().Named("Lou Lectrice"));
        var open = await app.Seed(A.Case().By(author).Titled("Un cas public et sa discussion"));
        var membersOnly = await app.Seed(A.Case().By(author).Titled("Un cas réservé aux membres").Visible(CaseVisibility.MembersOnly));
        var authorClient = await app.SignedInAs(author);
        await app.ReplyOnPageAsync(authorClient, open.Id, "Une première réponse publique.");
        var (visitors, members) = (await RepliesKeyAsync(app, open.Id, null), await RepliesKeyAsync(app, open.Id, reader.Id));

        await app.ReplyOnPageAsync(authorClient, membersOnly.Id, "Une réponse que seuls les membres lisent.");
        Assert.Equal(visitors, await RepliesKeyAsync(app, open.Id, null));
        Assert.NotEqual(members, await RepliesKeyAsync(app, open.Id, reader.Id));

        // A write visitors see still renders their fragment again.
        await app.ReplyOnPageAsync(authorClient, open.Id, "Une seconde réponse publique.");
        Assert.NotEqual(visitors, await RepliesKeyAsync(app, open.Id, null));
    }
}
