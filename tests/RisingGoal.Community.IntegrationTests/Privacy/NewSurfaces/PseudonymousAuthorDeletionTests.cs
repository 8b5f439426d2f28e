using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A pseudonymous author who deletes their account keeps their pseudonym on what they wrote under it (README, "Deleting
/// an account"): their case and their replies in its discussion. Were the replies to turn "Former member" at that
/// moment, a visitor watching the discussion and the profiles would see the pseudonym's replies change just as one
/// account disappeared, and tie the two.
/// </summary>
public sealed class PseudonymousAuthorDeletionTests
{
    [Fact]
    public async Task The_replies_a_deleted_author_wrote_under_their_pseudonym_keep_it()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Named("Bertrand Secret"));
        var @case = await app.Seed(A.Case().By(author).Titled("Un séminaire sans suite").UnderPseudonym("Plume Grise"));
        var reply = await app.Seed(A.Reply().On(@case).By(author).Saying("Je précise : trois cycles de suite."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var visitor = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        async Task<string> ReplyAsync() => WebUtility.HtmlDecode(FormClient.Parse(await visitor.GetStringAsync(url)).QuerySelector($"#reply-{reply.Id}")!.TextContent);
        Assert.Contains("Plume Grise", await ReplyAsync());

        var deleted = await (await app.SignedInAs(author)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var after = await ReplyAsync();
        Assert.Contains("Plume Grise", after);
        Assert.DoesNotContain("Ancien membre", after);
    }
}
