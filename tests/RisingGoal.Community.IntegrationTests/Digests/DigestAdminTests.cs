using System.Net;
using RisingGoal.Community.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Digests;

public sealed class DigestAdminTests
{
    [Fact]
    public async Task Admin_pages_are_for_administrators_only()
    {
        await using var app = new DigestAppFactory();
        var member = await app.Seed(A.Member().Called("member"));
        var anonymous = app.CreateFormClient().Http;
        var signedIn = (await app.SignedInAs(member)).Http;

        foreach (var url in new[] { "/admin/outbox", "/admin/digests", $"/admin/digests/preview?memberId={member.Id}" })
        {
            var a = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Contains("/account/login", a.Headers.Location!.ToString());
            var m = await signedIn.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, m.StatusCode);   // the localised 403 page, no redirect
            Assert.Contains("Accès refusé", WebUtility.HtmlDecode(await m.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Administrator_previews_a_digest_sets_a_pick_and_sends_digests_now()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var tension = (await app.Seed(A.Tag().Slugged("tension"))).Id;
        var (reader, author, admin) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "tension")), await app.Seed(A.Member().Called("author")),
            await app.Seed(A.Member().Called("admin").WithRole(Roles.Administrator)));
        var older = (await app.Seed(A.Case().By(author).Titled("Un cas plus ancien mis en avant").Tagged(tension))).Id;
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Seed(A.Case().By(author).Titled("Un cas tout neuf").Tagged(tension));
        var client = await app.SignedInAs(admin);

        var pick = await client.SubmitAsync("/admin/digests", new Dictionary<string, string> { ["Pick.TagId"] = tension.ToString(), ["Pick.CaseId"] = older.ToString() },
            "form[action*='handler=Pick']");
        Assert.Equal(HttpStatusCode.Redirect, pick.StatusCode);
        var invalid = await client.SubmitAsync("/admin/digests", new Dictionary<string, string> { ["Pick.TagId"] = tension.ToString(), ["Pick.CaseId"] = "999" },
            "form[action*='handler=Pick']");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Aucun cas publié ne porte ce numéro", WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync()));

        var preview = await client.Http.GetAsync("/admin/digests/preview?memberId=" + Uri.EscapeDataString(reader.Email!));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("default-src 'none'", preview.Headers.GetValues("Content-Security-Policy").Single());
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.True(html.IndexOf("Le choix des modérateurs", StringComparison.Ordinal) < html.IndexOf("Un cas tout neuf", StringComparison.Ordinal), html);
        Assert.Contains("Un cas plus ancien mis en avant", html);
        Assert.Empty(smtp.Received);   // a preview sends nothing

        // A member following another tag previews the same sections: which tags a member follows is theirs alone.
        var other = await app.Seed(A.Member().Called("other").WithDigest(DigestFrequency.Weekly, "calm"));
        Assert.Contains("Un cas tout neuf", WebUtility.HtmlDecode(await client.Http.GetStringAsync("/admin/digests/preview?memberId=" + other.Id)));

        app.AdvancePastNextWeeklyDigest();
        var send = await client.SubmitAsync("/admin/digests", new Dictionary<string, string>(), "form[action*='handler=SendNow']");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var digest = Assert.Single(smtp.To(reader.Email!));
        Assert.Contains("Un cas plus ancien mis en avant", digest.TextBody);
        Assert.Equal("1 nouveau cas dans tension (fr)", digest.Subject);
        var nothing = WebUtility.HtmlDecode(await client.Http.GetStringAsync("/admin/digests/preview?memberId=" + reader.Id));   // since that digest
        Assert.True(nothing.Contains("Rien de nouveau pour ce membre"), nothing);
    }

    [Fact]
    public async Task The_administration_s_pick_is_logged_like_the_case_page_s_and_a_refused_one_is_not()
    {
        await using var app = new DigestAppFactory();
        var (author, admin) = (await app.Seed(A.Member().Called("author")), await app.Seed(A.Member().Called("admin").WithRole(Roles.Administrator)));
        var tension = (await app.Seed(A.Tag().Slugged("tension-admin"))).Id;
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas choisi depuis l'administration").Tagged(tension))).Id;
        var client = await app.SignedInAs(admin);

        await client.SubmitAsync("/admin/digests", new Dictionary<string, string> { ["Pick.TagId"] = tension.ToString(), ["Pick.CaseId"] = "999" },
            "form[action*='handler=Pick']");
        var pick = await client.SubmitAsync("/admin/digests", new Dictionary<string, string> { ["Pick.TagId"] = tension.ToString(), ["Pick.CaseId"] = caseId.ToString() },
            "form[action*='handler=Pick']");

        Assert.Equal(HttpStatusCode.Redirect, pick.StatusCode);
        var log = await app.Query(db => db.Set<ModerationLogEntry>().AsNoTracking().ToListAsync());
        var entry = Assert.Single(log);
        Assert.Equal((ModerationAction.PickForDigest, admin.Id, caseId, "tension-admin (fr)"), (entry.Action, entry.ModeratorId, entry.CaseId!.Value, entry.PublicReason));
        var publicLog = await app.CreateFormClient().Http.GetStringAsync("/moderation/log");
        Assert.Contains("a choisi pour le résumé\u00A0:", FormClient.Parse(publicLog).Body!.TextContent);
        Assert.Contains("admin", publicLog);
    }
}
