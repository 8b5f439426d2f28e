using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Audit14;

/// <summary>
/// <c>CaseAddressOracleTests</c> reads every address carrying a case id with GET; an outsider can POST them too, with
/// a valid form token of their own. Every write on a case the member may not see (held, hidden, deleted, refused)
/// answers as on an id that never existed: same status, same <c>Location</c> once the ids are taken out, same length.
/// Caching on, another member signed in.
/// </summary>
public sealed class CasePostOracleTests
{
    private static readonly (string Path, Dictionary<string, string> Fields)[] Posts =
    [
        ("/cases/{id}/reactions?handler=Resonate", new() { ["on"] = "true" }),
        ("/cases/{id}/reactions?handler=Bookmark", new() { ["on"] = "false" }),
        ("/cases/{id}/reactions?handler=Follow", new() { ["on"] = "true" }),
        ("/cases/{id}/un-titre?handler=Reply", new() { ["Reply.Body"] = "Une réponse d’un curieux qui essaie." }),
        ("/cases/{id}/follow-ups", new() { ["Input.Status"] = "1", ["Input.Body"] = "Une suite." }),
        ("/cases/{id}/edit", new() { ["Input.Title"] = "Un titre" }),
        ("/cases/{id}/edit?handler=Delete", new()),
        ("/cases/{id}/replies/{reply}/helpful", new() { ["on"] = "false" }),
        ("/cases/{id}/replies/{reply}/edit", new() { ["Input.Body"] = "Autre texte." }),
        ("/cases/{id}/replies/{reply}/edit?handler=Delete", new()),
        ("/flag/case/{id}", new() { ["Input.Reason"] = "Spam" }),
        ("/flag/reply/{reply}", new() { ["Input.Reason"] = "Spam" }),
    ];

    [Fact]
    public async Task A_write_on_a_case_the_member_may_not_see_answers_as_on_a_missing_case()
    {
        await using var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var open = await app.Seed(A.Case().By(author).Titled("Un cas ouvert à tous"));
        async Task<(int Case, int Reply)> PrivateAsync(Action<Case> change)
        {
            var @case = await app.Seed(A.Case().By(author).Titled("Chez Dupontel, un cas privé").UnderPseudonym("Plume Grise"));
            var reply = await app.Seed(A.Reply().On(@case).Saying("Une réponse dans un fil privé."));
            await app.ChangeCase(@case.Id, change);
            return (@case.Id, reply.Id);
        }
        var unseen = new[]
        {
            await PrivateAsync(c => c.HoldForReview()), await PrivateAsync(c => c.Hide(now)),
            await PrivateAsync(c => c.Delete(now)), await PrivateAsync(c => { c.HoldForReview(); c.Reject(now); }),
        };
        var missing = (Case: 9, Reply: 9);   // one digit, as the ids above
        Assert.All(unseen, u => Assert.True(u.Case < 10 && u.Reply < 10));
        var member = await app.SignedInAs(await app.Seed(A.Member()));
        var tokenPage = await app.CaseUrlAsync(open.Id);

        async Task<string> AnswerAsync(string template, Dictionary<string, string> fields, int caseId, int replyId)
        {
            var answer = await member.PostWithTokenAsync(tokenPage, template.Replace("{id}", caseId.ToString()).Replace("{reply}", replyId.ToString()), fields);
            return await AnswerShape.OfAsync($"POST {template}", answer);
        }
        var problems = new List<string>();
        foreach (var (path, fields) in Posts)
        {
            var expected = await AnswerAsync(path, fields, missing.Case, missing.Reply);
            foreach (var (caseId, replyId) in unseen)
                if (await AnswerAsync(path, fields, caseId, replyId) is var actual && actual != expected)
                    problems.Add($"case {caseId}: {actual} where a missing case gives {expected}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
