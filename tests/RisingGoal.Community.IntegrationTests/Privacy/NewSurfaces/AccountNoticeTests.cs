using System.Net;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The e-mail change notice, received by the real SMTP server: it goes to the previous address, which may no longer be
/// the member's (a former employer's mailbox, the very organisation their cases are about), so it tells that the
/// address changed and never which address the account uses now.
/// </summary>
public sealed class AccountNoticeTests
{
    [Fact]
    public async Task The_email_change_notice_to_the_previous_address_never_names_the_new_one()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = NewSurfaceWorld.App(smtp.Port);
        var member = await app.Seed(A.Member().Named("Alix Martin"));
        var previous = member.Email!;
        var client = await app.SignedInAs(member);
        var request = await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "alix.perso@example.net", ["Input.Password"] = MemberBuilder.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, request.StatusCode);
        await app.MailSent.WhenIdleAsync();   // account mail is sent at once, in the background
        var confirm = Assert.Single(smtp.To("alix.perso@example.net"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(MailFolder.LinkIn(confirm, "/account/confirm-email-change?"))).StatusCode);
        await app.MailSent.WhenIdleAsync();   // account mail is sent at once, in the background

        var notice = Assert.Single(smtp.To(previous));
        var text = notice.Subject + notice.TextBody + notice.HtmlBody;
        Assert.Contains("adresse", notice.TextBody);
        Assert.DoesNotContain("alix.perso", text);
        Assert.DoesNotContain("example.net", text);
    }
}
