using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A digest's subject says what its member follows ("2 new cases in Centralisation": the one tension they follow). On
/// the administrators' outbox it sat next to the member's address, telling staff a member's reading; the row shows a
/// generic subject instead, in both languages, while the member's own mail keeps its subject. Real SMTP server.
/// </summary>
public sealed class DigestSubjectOnOutboxTests
{
    [Fact]
    public async Task The_outbox_shows_no_digest_subject_in_either_language_and_the_member_still_receives_it()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var french = await app.Seed(A.Member().Called("lectrice").WithDigest(DigestFrequency.Weekly, "centralisation"));
        var english = await app.Seed(A.Member().Called("reader").Speaking("en").WithDigest(DigestFrequency.Weekly, "centralisation"));
        var (author, admin) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("admin").WithRole(Roles.Administrator)));
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Objectifs en cascade sans marge").Tagged("centralisation"));
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((2, 0), await app.Services.PlanDigestsAsync());
        await app.Services.DrainOutboxAsync();
        Assert.Equal("1 nouveau cas dans centralisation (fr)", Assert.Single(smtp.To(french.Email!)).Subject);
        Assert.Equal("1 new case in centralisation (en)", Assert.Single(smtp.To(english.Email!)).Subject);

        foreach (var (language, generic) in new[]
                 {
                     ("fr", "Résumé (son objet n’est pas affiché\u00a0: il dit ce que le membre suit)"),
                     ("en", "Digest (its subject is not shown: it says what the member follows)"),
                 })
        {
            var page = await (await app.SignedInAs(admin, language)).GetDocumentAsync("/admin/outbox");
            var rows = page.QuerySelectorAll("table.outbox tbody tr").Select(r => WebUtility.HtmlDecode(r.TextContent)).ToList();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Contains(generic, r));
            Assert.All(rows, r => Assert.DoesNotContain("centralisation", r, StringComparison.OrdinalIgnoreCase));
        }
    }
}
