using System.Net;
using Microsoft.AspNetCore.Hosting;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Audit14;

/// <summary>
/// What the app writes at Information and above goes to log files and whatever collects them, read by people who have no
/// business knowing members' addresses: the account roads (the configured administrator created, then updated on a
/// restart; a member registering, confirming, logging in, asking a password reset; an unknown address asking one) log
/// member ids, never an e-mail address nor a link's token.
/// </summary>
public sealed class LoggedAddressTests
{
    [Fact]
    public async Task No_account_road_writes_an_email_address_or_a_token_to_the_logs()
    {
        const string adminEmail = "direction.dupontel@example.org", memberEmail = "claudine.martin@example.org", unknown = "personne.inconnue@example.org";
        await using var app = new CommunityAppFactory()
            .With("Community:Admin:Email", adminEmail)
            .With("Community:Admin:Password", "first admin passphrase 1");
        var member = await app.SignedInMemberAsync(memberEmail, "Claudine");
        var confirmLink = MailFolder.LinkIn(app.Mail.To(memberEmail).Last(m => (m.TextBody ?? "").Contains("/account/confirm?")), "/account/confirm?");
        foreach (var address in new[] { memberEmail, unknown })
            Assert.Equal(HttpStatusCode.Redirect, (await app.CreateFormClient().SubmitAsync("/account/forgot-password",
                new Dictionary<string, string> { ["Input.Email"] = address })).StatusCode);
        // A second start with another password: the administrator is updated.
        using (var restarted = app.WithWebHostBuilder(b => b.UseSetting("Community:Admin:Password", "second admin passphrase 2")))
            Assert.Equal(HttpStatusCode.Redirect, (await new FormClient(restarted.CreateClient(new() { AllowAutoRedirect = false }))
                .LoginAsync(adminEmail, "second admin passphrase 2")).StatusCode);

        var logs = app.Logs.All;
        Assert.Contains("registered", logs);   // the roads above were logged, by member id
        foreach (var secret in new[] { adminEmail, memberEmail, unknown, "dupontel", "claudine.martin" })
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), confirmLink).Query)["code"];
        Assert.False(string.IsNullOrEmpty(token));
        Assert.DoesNotContain(token, logs);
    }
}
