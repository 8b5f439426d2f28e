using System.Net;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>The takedown confirmation goes through the outbox: a mail server that is down loses nothing and breaks nothing.</summary>
public sealed class TakedownMailOutboxTests
{
    [Fact]
    public async Task With_the_mail_server_refusing_the_request_is_kept_and_its_link_is_delivered_once_on_retry()
    {
        await using var smtp = new TestSmtpServer { RefuseWith = (SmtpServer.Protocol.SmtpReplyCode)451 }.Start();   // transient
        await using var app = new DigestAppFactory(null, smtp.Port);
        var caseId = (await app.Seed(A.Case().By(await app.Seed(A.Member().Called("autrice"))).Titled("Le cas de la DSI"))).Id;

        var sent = await app.CreateFormClient("fr").SubmitAsync("/takedown", new Dictionary<string, string>
        {
            ["Input.Email"] = "dsi@acme.example", ["Input.Case"] = $"http://localhost/cases/{caseId}/le-cas-de-la-dsi",
            ["Input.Passage"] = "Le DSI d'Acme", ["Input.Kind"] = nameof(TakedownKind.Correction), ["Input.Explanation"] = "On me reconnaît.",
        }, "form.takedown");

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("takedown-sent", await sent.Content.ReadAsStringAsync());
        await app.MailSent.WhenIdleAsync();
        Assert.Equal(1, smtp.Refused);                                                   // tried at once, in the background
        var row = Assert.Single(await app.Services.OutboxRowsAsync());
        Assert.Equal((OutboxKind.Account, OutboxStatus.Pending), (row.Kind, row.Status));

        smtp.RefuseWith = null;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await app.Services.DrainOutboxOnceAsync());
        Assert.Equal(0, await app.Services.DrainOutboxOnceAsync());
        var mail = Assert.Single(smtp.To("dsi@acme.example"));
        Assert.Equal("Confirmez votre demande de retrait", mail.Subject);
        Assert.Contains("/takedown/confirm?id=", mail.TextBody);
        Assert.Empty(Assert.Single(await app.Services.OutboxRowsAsync()).Mime);                     // the confirmation link is not kept once sent
    }
}
