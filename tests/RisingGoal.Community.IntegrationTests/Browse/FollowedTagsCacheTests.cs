using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A tension page's follow button comes from the member's kept followed tags (issue 19): every road that changes them
/// (the page's own button, the mail settings, the dashboard's unfollow) shows at once with caching on, and one member's
/// state never reaches another's page, kept or not.
/// </summary>
public sealed class FollowedTagsCacheTests
{
    private const string Tension = "/tensions/framework-vs-culture";
    private const string Follow = "Suivre cette tension";
    private const string Unfollow = "Ne plus suivre";

    [Fact]
    public async Task The_follow_button_flips_at_once_on_every_road_and_never_for_another_member()
    {
        var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        await using var _ = app;
        var follower = await app.SignedInAs(await app.Seed(A.Member().Named("Suiveuse Pressée")));
        var other = await app.SignedInAs(await app.Seed(A.Member().Named("Voisin Indifférent")));
        Assert.Equal(Follow, await ButtonAsync(follower));   // read and kept before following
        Assert.Equal(Follow, await ButtonAsync(other));

        var follow = await follower.SubmitAsync(Tension, new Dictionary<string, string>(), ".tag-actions form");
        Assert.Equal(HttpStatusCode.Redirect, follow.StatusCode);
        await follower.GetDocumentAsync(Tension);   // the status message's view, rendered for the member alone
        Assert.Equal(Unfollow, await ButtonAsync(follower));
        Assert.Equal(Follow, await ButtonAsync(other));

        var unfollow = await follower.SubmitAsync("/account", new Dictionary<string, string>(), "form[action*='handler=UnfollowTag']");
        Assert.Equal(HttpStatusCode.Redirect, unfollow.StatusCode);
        Assert.Equal(Follow, await ButtonAsync(follower));

        var tagId = await app.Query(db => db.Set<Tag>().Where(t => t.Slug == "framework-vs-culture").Select(t => t.Id).SingleAsync());
        var settings = await follower.SubmitAsync("/digests/preferences",
            new Dictionary<string, string> { ["Input.TagIds"] = tagId.ToString(CultureInfo.InvariantCulture) }, "form.stacked");
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        await follower.GetDocumentAsync("/digests/preferences");   // the status message's view
        Assert.Equal(Unfollow, await ButtonAsync(follower));
        Assert.Equal(Follow, await ButtonAsync(other));
    }

    private static async Task<string> ButtonAsync(FormClient client) =>
        (await client.GetDocumentAsync(Tension)).QuerySelector(".tag-actions form button")!.TextContent.Trim();
}
