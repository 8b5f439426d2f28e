using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;
using Microsoft.EntityFrameworkCore;

namespace RisingGoal.Community.IntegrationTests.Digests;

public sealed class UnsubscribeTests
{
    [Fact]
    public async Task One_click_post_without_cookies_or_antiforgery_token_unsubscribes_at_once()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port);
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly)), await app.Seed(A.Member().Called("author")));
        await app.Seed(A.Case().By(author).Titled("Un cas"));
        app.AdvancePastNextWeeklyDigest();
        await app.Services.PlanDigestsAsync();
        await app.Services.DrainOutboxOnceAsync();
        var header = Assert.Single(smtp.To(reader.Email!)).Headers["List-Unsubscribe"]!;
        var url = System.Text.RegularExpressions.Regex.Match(header, "<(https?://[^>]+)>").Groups[1].Value;

        // GET only asks for confirmation.
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var confirm = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Ne plus recevoir le résumé", WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync()));
        Assert.Equal(DigestFrequency.Weekly, (await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id)))!.Frequency);

        // What a mail provider sends (RFC 8058): a bare POST, no cookie, no antiforgery token.
        var response = await anonymous.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("vous ne recevrez plus le résumé", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var preference = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id));
        Assert.Equal(DigestFrequency.Never, preference!.Frequency);
        Assert.Null(preference.NextDigestDueUtc);
        Assert.True(preference.ReplyNotifications);   // only the list named by the token
    }

    [Theory]
    [InlineData("fr", "Ce lien de désabonnement n’est pas valide")]
    [InlineData("en", "This unsubscribe link is not valid")]
    public async Task Forged_or_tampered_tokens_are_refused_with_a_localised_message(string language, string message)
    {
        await using var app = new DigestAppFactory();
        var reader = await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly));
        var token = app.Services.GetRequiredService<UnsubscribeTokens>().Create(reader.Id, MailList.Digest);
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        var client = app.CreateFormClient(language).Http;

        foreach (var bad in new[] { "forged", tampered, "" })
        {
            var get = await client.GetAsync("/digests/unsubscribe?token=" + Uri.EscapeDataString(bad));
            var post = await client.PostAsync("/digests/unsubscribe?token=" + Uri.EscapeDataString(bad), new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()));
        }
        Assert.Equal(DigestFrequency.Weekly, (await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id)))!.Frequency);
    }

    [Fact]
    public async Task A_token_for_reply_notifications_leaves_the_digest_alone()
    {
        await using var app = new DigestAppFactory();
        var reader = await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Daily));
        var token = app.Services.GetRequiredService<UnsubscribeTokens>().Create(reader.Id, MailList.Replies);

        var response = await app.CreateClient().PostAsync("/digests/unsubscribe?token=" + Uri.EscapeDataString(token), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preference = await app.Query(db => db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == reader.Id));
        Assert.False(preference!.ReplyNotifications);
        Assert.Equal(DigestFrequency.Daily, preference.Frequency);
    }
}
