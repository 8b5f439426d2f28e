using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Audit14;

/// <summary>
/// "This helped me" is the one address a case's author may POST with the id of any reply of their discussion. Taking a
/// mark back ("on=false") on a reply held for review or refused answered a redirect where a missing id answers 404: the
/// author, enumerating ids, learnt that someone's reply waits for a moderator (or was refused) in their discussion,
/// which only the reply's author and staff may know. Caching on.
/// </summary>
public sealed class HelpfulMarkOracleTests
{
    private static async Task<string> AnswerAsync(FormClient author, string url, int caseId, int replyId, bool on)
    {
        var answer = await author.PostWithTokenAsync(url, $"/cases/{caseId}/replies/{replyId}/helpful",
            new Dictionary<string, string> { ["on"] = on ? "true" : "false" });
        return await AnswerShape.OfAsync($"on={on}", answer);
    }

    [Fact]
    public async Task Taking_a_mark_back_on_a_reply_held_for_review_or_refused_answers_as_a_missing_reply_does()
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Called("bertrand"));
        var other = await app.Seed(A.Member().Called("claudine"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        await app.Seed(A.Reply().On(caseId).By(other).Saying("Une réponse publiée."));
        var waiting = (await app.Seed(A.Reply().On(caseId).By(other).Saying("Une réponse en attente.").Pending())).Id;
        var refused = (await app.Seed(A.Reply().On(caseId).By(other).Saying("Une réponse refusée.").Pending())).Id;
        await app.ChangeReply(refused, r => r.Reject(app.Clock.GetUtcNow().UtcDateTime));
        const int missing = 9;   // one digit, as the ids above
        Assert.True(waiting < 10 && refused < 10 && missing > refused);
        var url = await app.CaseUrlAsync(caseId);
        var client = await app.SignedInAs(author);

        foreach (var on in new[] { false, true })
        {
            var expected = await AnswerAsync(client, url, caseId, missing, on);
            foreach (var replyId in new[] { waiting, refused })
            {
                var actual = await AnswerAsync(client, url, caseId, replyId, on);
                Assert.True(expected == actual, $"reply {replyId}: {actual} where a missing reply gives {expected}");
            }
        }
    }
}
