using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;
using Microsoft.EntityFrameworkCore;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>Digests people actually receive (issue 17, item 5): only after a member stayed away, with why in the footer.</summary>
public sealed class DigestSkipAfterVisitTests
{
    [Fact]
    public async Task A_member_who_visited_since_the_last_digest_is_skipped_with_the_reason_recorded_and_receives_the_next_one_after_staying_away()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        app.With("Caching:Enabled", "true");
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "centralisation")), await app.Seed(A.Member().Called("author")));

        // Week 1: away all week → the digest goes out, and its footer says why it came and how to stop it.
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Premier cas de la semaine").Tagged("centralisation"));
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((1, 0), await app.Services.PlanDigestsAsync());
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        var first = Assert.Single(smtp.To(reader.Email!));
        Assert.Contains("Vous recevez ce résumé parce que vous l’avez demandé dans vos réglages d’e-mail", first.TextBody);
        Assert.Contains("n’êtes pas venu·e sur le site depuis le précédent", first.TextBody);
        Assert.Contains("«\u00a0Jamais\u00a0»", first.TextBody);
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Vous recevez ce résumé parce que"), first.HtmlBody);
        // The links' labels in the plain text are punctuated in French too (a no-break space before the colon).
        Assert.Matches("Se désabonner[^\n]*\u00a0: http", first.TextBody);

        // Week 2: the member came to the site after that digest → skipped, the reason recorded, nothing sent.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Seed(A.Case().By(author).Titled("Deuxième cas").Tagged("centralisation"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await (await app.SignedInAs(reader)).GetDocumentAsync("/cases");
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((0, 1), await app.Services.PlanDigestsAsync());
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        Assert.Single(smtp.To(reader.Email!));
        var preference = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id));
        Assert.Equal(DigestPlanner.VisitedSince, preference!.LastOutcome);
        Assert.True(preference.NextDigestDueUtc > app.Clock.GetUtcNow().UtcDateTime);

        // Week 3: away again → the digest comes back.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Seed(A.Case().By(author).Titled("Troisième cas").Tagged("centralisation"));
        app.AdvancePastNextWeeklyDigest();
        var run = await app.InScopeAsync(sp => sp.GetRequiredService<DigestPlanner>().RunAsync(default));
        Assert.Equal(new DigestPlanner.RunCounts(1, 0, 0), run);
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Equal(2, smtp.To(reader.Email!).Count);
        Assert.Contains("Troisième cas", smtp.To(reader.Email!)[1].TextBody);
        Assert.Equal(DigestPlanner.Queued, (await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id)))!.LastOutcome);
    }

    [Fact]
    public async Task With_the_skip_rule_off_every_digest_goes_out_and_the_footer_does_not_claim_the_rule()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        app.With("Caching:Enabled", "true").With("Digests:SkipAfterVisit", "false");
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "centralisation")), await app.Seed(A.Member().Called("author")));

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Seed(A.Case().By(author).Titled("Un cas de la semaine").Tagged("centralisation"));
        await (await app.SignedInAs(reader)).GetDocumentAsync("/cases");   // a visit: the rule, were it on, would skip
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((1, 0), await app.Services.PlanDigestsAsync());
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.Contains("Vous recevez ce résumé parce que vous l’avez demandé dans vos réglages d’e-mail.", digest.TextBody);
        Assert.DoesNotContain("venu·e", digest.TextBody);
        Assert.DoesNotContain("venu·e", digest.HtmlBody);
    }
}
