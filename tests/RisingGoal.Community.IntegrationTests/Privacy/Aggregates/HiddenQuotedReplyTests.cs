using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

namespace RisingGoal.Community.IntegrationTests.Privacy.Aggregates;

/// <summary>
/// A quotation keeps its words once the quoted reply is hidden (as Discourse and Stack Exchange keep quotes), and its
/// signature, a link to the reply, must then tell no more than the words and the discussion already do: the discussion
/// shows a removed reply as "This reply was removed." in its place, without byline, date or text, and the link lands on
/// that mark, for visitors and members alike; asking to quote the hidden reply gives the reply box a missing reply
/// gives. Nothing names the account behind the pseudonym the quotation was signed with.
/// </summary>
public sealed class HiddenQuotedReplyTests
{
    [Fact]
    public async Task The_link_of_a_quotation_to_a_hidden_reply_lands_on_its_removal_mark_and_names_nobody()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().Called("berenice").Named("Bérénice Autrice"));
        var (member, _) = await app.SignedInAs(A.Member().Called("lucien").Named("Lucien Lecteur"));
        var visitor = new FormClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas dont une réponse citée sera masquée").UnderPseudonym("Plume Grise"));
        var quoted = await app.Seed(A.Reply().On(@case).By(author).Saying("Chez nous, la règle du vendredi tenait."));
        await app.Seed(A.Reply().On(@case).Saying(
            $"> Chez nous, la règle du vendredi tenait.\n>\n> — [Plume Grise]({CaseUrls.Reply(@case.Id, quoted.Id)})\n\nD’accord avec ceci."));
        var missing = quoted.Id + 100;   // in no discussion

        await app.HideReplyAsync(quoted);

        var page = CaseUrls.Read(@case.Id, @case.Slug);
        foreach (var (reader, name) in new[] { (visitor, "visitor"), (member, "member") })
        {
            using var link = await reader.Http.GetAsync(CaseUrls.Reply(@case.Id, quoted.Id));
            Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
            Assert.Equal($"{page}#reply-{quoted.Id}", link.Headers.Location!.OriginalString);
            var document = await reader.GetDocumentAsync(page);
            var mark = document.QuerySelector($"article#reply-{quoted.Id}")!;
            Assert.Null(mark.QuerySelector(".byline, time, .prose"));
            Assert.Equal("Cette réponse a été retirée.", mark.TextContent.Trim());
            var html = document.Source();
            Assert.Contains("D’accord avec ceci.", html);
            Assert.Contains("Chez nous, la règle du vendredi tenait.", html);   // the quotation stays, as decided
            html.CarriesNothingOf(author);
            if (name == "member")
                Assert.Equal(ReplyBox(await reader.GetDocumentAsync($"{page}?quote={missing}")),
                    ReplyBox(await reader.GetDocumentAsync($"{page}?quote={quoted.Id}")));
        }
    }

    private static string ReplyBox(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("form.reply-form textarea")?.TextContent ?? "(no reply box)";
}
