using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Aggregates;

public static class ModeratorHides
{
    /// <summary>A moderator hides the reply from the queue page's form, as in production (a redirect back to the queue).</summary>
    public static async Task HideReplyAsync(this CommunityAppFactory app, Reply reply)
    {
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Features.Accounts.Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Reply", ["Input.Id"] = reply.Id.ToString(), ["Input.Version"] = reply.Version.ToString(),
        })).StatusCode);
    }
}
