using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The long discussion's paging read as an oracle: every address that names a page (a posted reply's landing, a
/// permalink, "new replies", <c>?page=N</c>) must answer a discussion that holds a reply nobody may see (held for
/// review, refused) exactly as it answers the same discussion without it. Two twin discussions, compared answer by
/// answer, caching on.
/// </summary>
public sealed partial class DiscussionPagingOracleTests
{
    /// <summary>One short of a full page: a single extra counted reply would open page 2.</summary>
    private const int Replies = ReplyPages.PerPage - 1;

    private static async Task<(MembersAppFactory App, Case Plain, Case Holding, int Refused, int Waiting)> TwinsAsync()
    {
        var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var plain = await app.Seed(A.Case().Titled("Une discussion sans rien de caché").WithReplies(Replies));
        var holding = await app.Seed(A.Case().Titled("Une discussion avec une réponse refusée").WithReplies(Replies));
        var refused = await app.Seed(A.Reply().On(holding).Saying("Chez nous le directeur X a tout bloqué.").Pending());
        await app.ChangeReply(refused.Id, r => r.Reject(app.Clock.GetUtcNow().UtcDateTime));
        var waiting = await app.Seed(A.Reply().On(holding).Saying("Une réponse qui attend la modération.").Pending());
        return (app, plain, holding, refused.Id, waiting.Id);
    }

    /// <summary>The address with the case's own id and slug and any reply id taken out, so that twins and replies compare.</summary>
    private static string Shape(Case @case, string location) =>
        ReplyIds().Replace(location.Replace($"/cases/{@case.Id}/{@case.Slug}", "/cases/{case}", StringComparison.Ordinal), "{reply}");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=repl(y|ies)(/|%2F))\d+")]
    private static partial System.Text.RegularExpressions.Regex ReplyIds();

    [Fact]
    public async Task A_posted_reply_lands_on_the_same_page_whether_or_not_the_discussion_holds_a_refused_or_waiting_reply()
    {
        var (app, plain, holding, _, _) = await TwinsAsync();
        await using var _app = app;
        var member = await app.SignedInAs(await app.Seed(A.Member()));

        var landings = new List<string>();
        foreach (var @case in new[] { plain, holding })
        {
            var answer = await member.SubmitAsync(await app.CaseUrlAsync(@case.Id), new Dictionary<string, string> { ["Reply.Body"] = "Même constat chez nous." }, "form.reply-form");
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            var location = answer.Headers.Location!.OriginalString;
            landings.Add(Shape(@case, location[..location.IndexOf('#')]));
        }

        // Fifty replies every reader sees: one page, so the member lands on the case's own address, without ?page=2.
        Assert.Equal(["/cases/{case}", "/cases/{case}"], landings);
    }

    [Fact]
    public async Task Permalinks_new_replies_and_page_numbers_answer_alike_for_a_discussion_holding_a_refused_or_waiting_reply()
    {
        var (app, plain, holding, refused, waiting) = await TwinsAsync();
        await using var _app = app;
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var member = (await app.SignedInAs(await app.Seed(A.Member()))).Http;

        foreach (var reader in new[] { visitor, member })
        {
            async Task<string> AnswerAsync(Case @case, string path)
            {
                var answer = await reader.GetAsync(path);
                return $"{(int)answer.StatusCode} {Shape(@case, answer.Headers.Location?.OriginalString ?? "")}";
            }

            // A refused or waiting reply's addresses (permalink, edit, flag) answer as a reply id that never existed does.
            foreach (var reply in new Func<int, string>[] { id => CaseUrls.Reply(holding.Id, id), id => $"/cases/{holding.Id}/replies/{id}/edit", id => $"/flag/reply/{id}" })
            {
                var missing = await AnswerAsync(holding, reply(999_999));
                Assert.Equal(missing, await AnswerAsync(holding, reply(refused)));
                Assert.Equal(missing, await AnswerAsync(holding, reply(waiting)));
            }
            Assert.Equal(await AnswerAsync(plain, CaseUrls.Reply(plain.Id, 999_999)), await AnswerAsync(holding, CaseUrls.Reply(holding.Id, 999_999)));
            foreach (var path in new[] { "/unread", "/x?page=2", "/x?page=0" })
                Assert.Equal(await AnswerAsync(plain, $"/cases/{plain.Id}{path}"), await AnswerAsync(holding, $"/cases/{holding.Id}{path}"));
        }
    }
}
