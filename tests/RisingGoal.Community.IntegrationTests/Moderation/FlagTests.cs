using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

public sealed class FlagTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;

    public FlagTests(CommunityAppFactory factory) => _factory = factory.With("Moderation:HideAfterFlags", "3");


    private static Dictionary<string, string> Reason(string reason, string text = "") => new() { ["Input.Reason"] = reason, ["Input.Text"] = text };

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_log_in()
    {
        var author = await _factory.Seed(A.Member());
        var @case = await _factory.Seed(A.Case().By(author));
        var response = await _factory.CreateFormClient().Http.GetAsync($"/flag/case/{@case.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_member_flags_once_only_and_the_item_enters_the_queue()
    {
        var author = await _factory.Seed(A.Member());
        var member = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas signalé"));
        var client = await _factory.SignedInAs(member);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/flag/case/{@case.Id}", Reason("ConfidentialFigures"))).StatusCode);
        var again = WebUtility.HtmlDecode(await client.Http.GetStringAsync($"/flag/case/{@case.Id}"));
        Assert.Contains("Vous avez déjà signalé ceci", again);
        var forged = await client.PostWithTokenAsync("/moderation/log", $"/flag/case/{@case.Id}", Reason("Spam"));

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal(1, await _factory.Query(db => db.Set<Flag>().CountAsync(f => f.TargetId == @case.Id)));
        var queue = WebUtility.HtmlDecode(await (await _factory.SignedInAs(moderator)).Http.GetStringAsync("/moderation"));
        Assert.Contains("Un cas signalé", queue);
        Assert.Contains("Chiffres confidentiels", queue);
    }

    [Fact]
    public async Task Other_needs_an_explanation()
    {
        var author = await _factory.Seed(A.Member());
        var member = await _factory.Seed(A.Member());
        var @case = await _factory.Seed(A.Case().By(author));
        var response = await (await _factory.SignedInAs(member)).SubmitAsync($"/flag/case/{@case.Id}", Reason("Other"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Expliquez le problème", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await _factory.Query(db => db.Set<Flag>().CountAsync(f => f.TargetId == @case.Id)));
    }

    [Fact]
    public async Task The_third_distinct_flag_hides_a_reply_pending_review_and_dismissing_is_logged()
    {
        var author = await _factory.Seed(A.Member());
        var @case = await _factory.Seed(A.Case().By(author));
        var reply = await _factory.Seed(A.Reply().On(@case.Id).By(author).Saying("Une réponse douteuse"));
        for (var i = 0; i < 3; i++)
        {
            var flagger = await _factory.Seed(A.Member().WithPublishedCases(3));   // only trusted members' flags hide
            var before = await _factory.Query(db => db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Status).SingleAsync());
            Assert.Equal(ReplyStatus.Published, before);
            await (await _factory.SignedInAs(flagger)).SubmitAsync($"/flag/reply/{reply.Id}", Reason("Abusive"));
        }

        var hidden = await _factory.Query(db => db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ReplyStatus.Hidden, hidden);

        var moderator = await _factory.Seed(A.Member().WithRole("Moderator"));
        var response = await (await _factory.SignedInAs(moderator)).SubmitAsync("/moderation", new Dictionary<string, string>(), $"#item-reply-{reply.Id} form.dismiss");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (status, open, actions) = await _factory.Query(async db => (
            await db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.Status).SingleAsync(),
            await db.Set<Flag>().CountAsync(f => f.TargetKind == TargetKind.Reply && f.TargetId == reply.Id && f.ResolvedUtc == null),
            await db.Set<ModerationLogEntry>().Where(e => e.ReplyId == reply.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync()));
        Assert.Equal(ReplyStatus.Published, status);
        Assert.Equal(0, open);
        Assert.Equal([ModerationAction.AutoHide, ModerationAction.DismissFlags], actions);
    }
}

public sealed class FlagRateLimitTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Flagging_too_often_answers_429_with_retry_after()
    {
        var app = factory.With("RateLimits:flag", "2");
        var author = await app.Seed(A.Member());
        var member = await app.Seed(A.Member());
        var client = await app.SignedInAs(member);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            var @case = await app.Seed(A.Case().By(author));
            last = await client.PostWithTokenAsync("/moderation/log", $"/flag/case/{@case.Id}", new Dictionary<string, string> { ["Input.Reason"] = "Spam" });
            statuses.Add(last.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) > 0);
    }
}
