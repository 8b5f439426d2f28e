using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Every address that carries a case id (the page and its later pages, a reply's permalink, "new replies", revisions,
/// follow-ups, marks, edit, flag) enumerated by an outsider: a case the reader may not see (held for review, hidden,
/// refused, deleted, members-only for a visitor) answers exactly as an id that never existed — same status, same
/// <c>Location</c> once the id is taken out, same length of page. Caching on, visitor and another member.
/// </summary>
public sealed partial class CaseAddressOracleTests
{
    private static readonly string[] Paths =
    [
        "/cases/{id}", "/cases/{id}/un-titre", "/cases/{id}/un-titre?page=2", "/cases/{id}/replies/{reply}", "/cases/{id}/unread",
        "/cases/{id}/revisions", "/cases/{id}/follow-ups", "/cases/{id}/reactions", "/cases/{id}/edit",
        "/cases/{id}/replies/{reply}/edit", "/cases/{id}/replies/{reply}/helpful", "/flag/case/{id}", "/flag/reply/{reply}",
    ];

    /// <summary>The ids in an address (path segments, escaped too): what differs between two cases by nature.</summary>
    [GeneratedRegex(@"(?<=/|%2F)\d+")]
    private static partial Regex Ids();

    /// <summary>
    /// What an outsider can compare: status, where it sends them (ids taken out) and how long the page is. The ids
    /// compared have as many digits, so that the page's length may only differ by what it says.
    /// </summary>
    private static async Task<string> AnswerAsync(HttpClient client, string template, int caseId, int replyId)
    {
        var answer = await client.GetAsync(template.Replace("{id}", caseId.ToString()).Replace("{reply}", replyId.ToString()));
        var length = (await answer.Content.ReadAsByteArrayAsync()).Length;
        return $"{template}: {(int)answer.StatusCode} {Ids().Replace(answer.Headers.Location?.OriginalString ?? "", "{n}")} {length}";
    }

    [Fact]
    public async Task A_case_the_reader_may_not_see_answers_every_address_as_a_missing_one_does()
    {
        await using var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var now = app.Clock.GetUtcNow().UtcDateTime;
        async Task<(int Case, int Reply)> PrivateAsync(Action<Case>? change = null, CaseVisibility visibility = CaseVisibility.Public)
        {
            var @case = await app.Seed(A.Case().By(author).Titled("Chez Dupontel, un cas privé").UnderPseudonym("Plume Grise").Visible(visibility));
            var reply = await app.Seed(A.Reply().On(@case).Saying("Une réponse dans un fil privé."));
            if (change is not null) await app.ChangeCase(@case.Id, change);
            return (@case.Id, reply.Id);
        }
        var held = await PrivateAsync(c => c.HoldForReview());
        var hidden = await PrivateAsync(c => c.Hide(now));
        var deleted = await PrivateAsync(c => c.Delete(now));
        var membersOnly = await PrivateAsync(visibility: CaseVisibility.MembersOnly);
        var refused = await PrivateAsync(c => { c.HoldForReview(); c.Reject(now); });
        var missing = (Case: 9, Reply: 9);   // one digit, as the ids above

        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var member = (await app.SignedInAs(await app.Seed(A.Member()))).Http;
        foreach (var (reader, name, unseen) in new[] { (visitor, "visitor", new[] { held, hidden, deleted, membersOnly, refused }),
                     (member, "member", new[] { held, hidden, deleted, refused }) })
            foreach (var path in Paths)
            {
                var expected = await AnswerAsync(reader, path, missing.Case, missing.Reply);
                foreach (var (caseId, replyId) in unseen)
                    Assert.True(expected == await AnswerAsync(reader, path, caseId, replyId),
                        $"{name}, case {caseId}: {await AnswerAsync(reader, path, caseId, replyId)} where a missing case gives {expected}");
            }
    }
}
