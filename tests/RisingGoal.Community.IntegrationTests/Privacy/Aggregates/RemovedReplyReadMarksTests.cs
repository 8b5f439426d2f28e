using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

namespace RisingGoal.Community.IntegrationTests.Privacy.Aggregates;

/// <summary>
/// "n new replies" is the case's published count less what the member had seen: once a moderator hides a reply the
/// member had read, what they had seen must stop counting it too. Left counted, the next reply in that discussion was
/// never marked new for them (their lists, their home), so a removal silently ate someone else's reply.
/// </summary>
public sealed class RemovedReplyReadMarksTests
{
    [Fact]
    public async Task A_reply_hidden_after_a_member_read_it_leaves_the_next_reply_marked_new_for_them()
    {
        await using var app = NewSurfaceWorld.App();
        var (member, _) = await app.SignedInAs(A.Member().Called("lucien").Named("Lucien Lecteur"));
        var @case = await app.Seed(A.Case().Titled("Un cas lu puis modéré"));
        await app.Seed(A.Reply().On(@case).Saying("Une première réponse, qui reste."));
        var hidden = await app.Seed(A.Reply().On(@case).Saying("Une réponse lue, puis masquée."));
        await member.GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));   // read through the second reply
        Assert.Equal("", NewReplies(await member.GetDocumentAsync("/cases"), @case));   // kept: the next lists read it from memory

        await app.HideReplyAsync(hidden);
        Assert.Equal("", NewReplies(await member.GetDocumentAsync("/cases"), @case));
        await app.Seed(A.Reply().On(@case).Saying("Une nouvelle réponse, que le membre n’a pas lue."));

        Assert.Equal("1 nouvelle réponse", NewReplies(await member.GetDocumentAsync("/cases"), @case));
    }

    private static string NewReplies(AngleSharp.Html.Dom.IHtmlDocument list, Case @case) =>
        list.QuerySelectorAll(".case-row").Single(r => r.QuerySelector("h3 a")!.TextContent.Trim() == @case.Title)
            .QuerySelector("a.new-replies")?.TextContent.Trim() ?? "";
}
