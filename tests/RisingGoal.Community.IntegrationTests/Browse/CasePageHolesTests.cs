using System.Net;
using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A case page rendered once for every member (issue 19): a member's own parts are holes filled per request (the edit
/// link of their replies) or part of what the kept page is keyed by (their marks), and a page with their pending reply
/// is theirs alone. Two members, caching on, each asking first in turn: the second never gets the first's parts.
/// </summary>
public sealed class CasePageHolesTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    /// <summary>Both members' pages, each order in turn: whoever asks second could be handed the first one's kept page.</summary>
    private static async Task<(IHtmlDocument First, IHtmlDocument Second)> BothAsync(FormClient first, FormClient second, string url, bool firstAsksFirst)
    {
        if (firstAsksFirst)
        {
            var a = await first.GetDocumentAsync(url);
            return (a, await second.GetDocumentAsync(url));
        }
        var b = await second.GetDocumentAsync(url);
        return (await first.GetDocumentAsync(url), b);
    }

    [Fact]
    public async Task A_members_edit_links_are_filled_in_for_them_alone_on_a_shared_case_page()
    {
        factory.With("Caching:Enabled", "true");
        var (replier, replierMember) = await factory.SignedInAs(A.Member().Named("Répondante Aux Trous"));
        var (reader, _) = await factory.SignedInAs(A.Member().Named("Lecteur Sans Trous"));
        var @case = await factory.Seed(A.Case().Titled("Un cas aux réponses modifiables"));
        var own = await factory.Seed(A.Reply().On(@case).By(replierMember).Saying("Ma réponse, que je peux modifier."));
        var other = await factory.Seed(A.Reply().On(@case).Saying("La réponse de quelqu’un d’autre."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var ownEdit = $"a[href='/cases/{@case.Id}/replies/{own.Id}/edit']";
        await replier.GetDocumentAsync(url);   // both have read the discussion once: the same marks and position
        await reader.GetDocumentAsync(url);

        for (var i = 0; i < 4; i++)
        {
            var served = await MemberPagesTests.KeptPagesServedAsync(factory);
            var (replierPage, readerPage) = await BothAsync(replier, reader, url, firstAsksFirst: i % 2 == 0);
            Assert.True(await MemberPagesTests.KeptPagesServedAsync(factory) >= served + 1, "neither view was served from the page kept for both");

            Assert.NotNull(replierPage.QuerySelector($"#reply-{own.Id} {ownEdit}"));
            Assert.Null(replierPage.QuerySelector($"#reply-{own.Id} a.flag-link"));
            Assert.NotNull(replierPage.QuerySelector($"#reply-{other.Id} a.flag-link"));
            Assert.Null(replierPage.QuerySelector($"#reply-{other.Id} a[href$='/edit']"));

            Assert.Empty(readerPage.QuerySelectorAll("section.replies a[href$='/edit']"));
            Assert.NotNull(readerPage.QuerySelector($"#reply-{own.Id} a.flag-link"));
            Assert.NotNull(readerPage.QuerySelector($"#reply-{other.Id} a.flag-link"));
        }
        foreach (var client in new[] { replier, reader })
            Assert.DoesNotContain("<!--hole-", await client.Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_members_marks_and_pending_reply_never_reach_another_members_case_page()
    {
        factory.With("Caching:Enabled", "true");
        var (writer, writerMember) = await factory.SignedInAs(A.Member().Named("Autrice En Attente"));
        var (reader, _) = await factory.SignedInAs(A.Member().Named("Lectrice Sans Marques"));
        var @case = await factory.Seed(A.Case().Titled("Un cas marqué par une seule lectrice"));
        await factory.Seed(A.Reply().On(@case).Saying("Une réponse publiée, visible de tous."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        Assert.Equal(HttpStatusCode.Redirect,
            (await writer.SubmitAsync(url, new Dictionary<string, string>(), "form[action*='handler=Bookmark']")).StatusCode);
        await factory.Seed(A.Reply().On(@case).By(writerMember).Saying("Ma réponse en attente de relecture.").Pending());

        for (var i = 0; i < 4; i++)
        {
            var (writerPage, readerPage) = await BothAsync(writer, reader, url, firstAsksFirst: i % 2 == 0);
            Assert.Equal("true", writerPage.QuerySelector("form[action*='handler=Bookmark'] button")!.GetAttribute("aria-pressed"));
            Assert.Contains("Ma réponse en attente de relecture.", writerPage.QuerySelector("section.replies")!.TextContent);

            Assert.Equal("false", readerPage.QuerySelector("form[action*='handler=Bookmark'] button")!.GetAttribute("aria-pressed"));
            Assert.DoesNotContain("Ma réponse en attente de relecture.", readerPage.Body!.TextContent);
            Assert.Contains("Une réponse publiée, visible de tous.", readerPage.QuerySelector("section.replies")!.TextContent);
        }
    }
}
