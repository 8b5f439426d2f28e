using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Saved cases, the /account dashboard, unread tracking ("N new replies", "new") and /cases/{id}/unread, tried on cases
/// the member may not see (pending, hidden, rejected, members-only for a visitor) and by a suspended member.
/// </summary>
public sealed class MemberSpaceSurfaceTests
{
    private static Task<HttpResponseMessage> SaveAsync(FormClient client, int caseId, bool on) =>
        client.PostWithTokenAsync("/account", $"/cases/{caseId}/reactions?handler=Bookmark",
            new Dictionary<string, string> { ["on"] = on ? "true" : "false" });

    private static Task<int> SavesAsync(CommunityAppFactory app, string memberId) =>
        app.Query(db => db.Set<Bookmark>().CountAsync(b => b.MemberId == memberId));

    [Fact]
    public async Task Saving_a_case_the_member_cannot_see_answers_like_a_missing_one_and_writes_nothing()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, member) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("membre")));
        var pending = (await app.Seed(A.Case().By(author).Titled("Un cas en attente").Pending())).Id;
        var hidden = (await app.Seed(A.Case().By(author).Titled("Un cas masqué").With(c => c.Hide(app.Clock.GetUtcNow().UtcDateTime)))).Id;
        var rejected = (await app.Seed(A.Case().By(author).Titled("Un cas refusé").With(c => { c.HoldForReview(); c.Reject(app.Clock.GetUtcNow().UtcDateTime); }))).Id;
        var client = await app.SignedInAs(member);

        foreach (var id in new[] { pending, hidden, rejected, 999_999 })
            Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(client, id, on: true)).StatusCode);
        Assert.Equal(0, await SavesAsync(app, member.Id));
        // A visitor's forged save goes to the login page, and no bookmark is written.
        var visible = (await app.Seed(A.Case().By(author).Titled("Un cas visible"))).Id;
        var visitor = app.CreateFormClient();
        var anonymous = await visitor.Http.PostAsync($"/cases/{visible}/reactions?handler=Bookmark", new FormUrlEncodedContent(new Dictionary<string, string> { ["on"] = "true" }));
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"answered {anonymous.StatusCode}");
        Assert.DoesNotContain("/cases/", anonymous.Headers.Location?.ToString() ?? "");
        Assert.Equal(0, await app.Query(db => db.Set<Bookmark>().CountAsync()));
    }

    [Fact]
    public async Task A_suspended_member_cannot_save_but_may_take_a_save_back()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, member) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("membre")));
        var kept = (await app.Seed(A.Case().By(author).Titled("Un cas gardé"))).Id;
        var other = (await app.Seed(A.Case().By(author).Titled("Un autre cas"))).Id;
        var client = await app.SignedInAs(member);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(client, kept, on: true)).StatusCode);
        Assert.Equal(1, await SavesAsync(app, member.Id));

        await app.SuspendAsync(member);
        await SaveAsync(client, other, on: true);
        Assert.Equal(1, await SavesAsync(app, member.Id));
        await SaveAsync(client, kept, on: false);
        Assert.Equal(0, await SavesAsync(app, member.Id));
    }

    [Fact]
    public async Task Saved_cases_the_dashboard_and_the_unread_list_drop_a_case_once_hidden_or_held_with_caching_on()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, member, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("membre")), await app.Seed(A.Member().Called("replier")));
        var hidden = (await app.Seed(A.Case().By(author).Titled("Titre bientôt masqué"))).Id;
        var held = (await app.Seed(A.Case().By(author).Titled("Titre bientôt retenu"))).Id;
        var client = await app.SignedInAs(member);
        foreach (var id in new[] { hidden, held })
        {
            await SaveAsync(client, id, on: true);
            await app.InScopeAsync(sp => sp.GetRequiredService<Reactions>().SetFollowAsync(id, member.Id, on: true, default));
            await client.GetDocumentAsync(await app.CaseUrlAsync(id));   // read: the unread list follows it from now on
            await app.ReplyOnPageAsync(await app.SignedInAs(replier), id, "Une nouvelle réponse.");
            await app.ReplyOnPageAsync(client, id, "Ma réponse.");
            await app.ReplyOnPageAsync(await app.SignedInAs(replier), id, "Encore une.");
        }
        Assert.Contains("Titre bientôt masqué", (await client.GetDocumentAsync("/account/saved")).Source());
        Assert.Contains("Titre bientôt retenu", (await client.GetDocumentAsync("/cases?unread=true")).Source());

        await app.ChangeCase(hidden, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeCase(held, c => c.HoldForReview());
        foreach (var url in new[] { "/account/saved", "/account", "/cases?unread=true", "/cases", "/" })
        {
            var main = (await client.GetDocumentAsync(url)).QuerySelector("main")!.OuterHtml;
            Assert.DoesNotContain("Titre bientôt", main);
            Assert.DoesNotContain($"/cases/{hidden}/", main);
            Assert.DoesNotContain($"/cases/{held}/", main);
        }
    }

    [Fact]
    public async Task The_first_unread_redirect_answers_a_case_the_reader_cannot_see_exactly_like_a_missing_one()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, member) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("membre")));
        var pending = (await app.Seed(A.Case().By(author).Titled("Un cas en attente").Pending())).Id;
        var hidden = (await app.Seed(A.Case().By(author).Titled("Un cas masqué").With(c => c.Hide(app.Clock.GetUtcNow().UtcDateTime)))).Id;
        var membersOnly = (await app.Seed(A.Case().By(author).Titled("Un cas réservé").Visible(CaseVisibility.MembersOnly))).Id;

        // The status, the redirect and the page's heading: what tells a private case from a missing one.
        async Task<(HttpStatusCode, string?, string?)> AnswerAsync(FormClient client, int id)
        {
            var response = await client.Http.GetAsync($"/cases/{id}/unread");
            var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, response.Headers.Location?.ToString(), page.QuerySelector("main")?.TextContent.Trim());
        }
        var memberClient = await app.SignedInAs(member);
        var missing = await AnswerAsync(memberClient, 999_999);
        Assert.Equal(HttpStatusCode.NotFound, missing.Item1);
        Assert.Equal(missing, await AnswerAsync(memberClient, pending));
        Assert.Equal(missing, await AnswerAsync(memberClient, hidden));
        var visitor = app.CreateFormClient();
        Assert.Equal(await AnswerAsync(visitor, 999_999), await AnswerAsync(visitor, membersOnly));
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(memberClient, membersOnly)).Item1);
    }

    [Fact]
    public async Task New_reply_counts_and_the_unread_list_count_only_replies_the_reader_may_see()
    {
        await using var app = NewSurfaceWorld.App();
        app.With("Moderation:HoldFirstReplies", "1");
        var (author, member, newcomer) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("membre")), await app.Seed(A.Member().Called("nouveau")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Une discussion suivie"))).Id;
        var client = await app.SignedInAs(member);
        await client.GetDocumentAsync("/cases");
        await client.GetDocumentAsync(await app.CaseUrlAsync(caseId));

        // A newcomer's reply waits for review: nothing is new for the reader.
        await app.ReplyOnPageAsync(await app.SignedInAs(newcomer), caseId, "Texte en attente.");
        var row = (await client.GetDocumentAsync("/cases")).QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains("Une discussion suivie"));
        Assert.Null(row.QuerySelector("a.new-replies"));
        Assert.Contains("0 réponse", row.TextContent);
        Assert.Empty((await client.GetDocumentAsync("/cases?unread=true")).QuerySelectorAll("li.case-row"));
    }
}
