using System.Globalization;
using MimeKit;
using Microsoft.Playwright;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// The app with the real trust rules (a new member's first case waits for a moderator) sending its mail to a real SMTP
/// server: account mail at once, the outbox's (a moderator's decision) when <see cref="MailToAsync"/> drains it.
/// </summary>
public sealed class FirstCaseAppFactory : HoldingMembersAppFactory
{
    public TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();

    public FirstCaseAppFactory() =>
        With("Mail:Smtp:Host", "127.0.0.1").With("Mail:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture)).With("Mail:Smtp:Security", "None");

    /// <summary>The one message with this subject the SMTP server received for an address, once the app sent what it had queued.</summary>
    public async Task<MimeMessage> MailToAsync(string address, string subject)
    {
        await MailSent.WhenIdleAsync();
        await Services.DrainOutboxAsync();
        return Assert.Single(Smtp.To(address), m => m.Subject == subject);
    }

    private int _smtpStopped;

    // The factory may be disposed both ways (DisposeAsync, then Dispose): the SMTP server stops once.
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _smtpStopped, 1) == 0) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>The whole first-case journey (issue 15): a person signs up, a moderator signs in through the test door.</summary>
public sealed class FirstCaseBrowserFixture : BrowserFixture<FirstCaseAppFactory>
{
    /// <summary>A fresh browser context, with or without JavaScript.</summary>
    public Task<IPage> PageAsync(bool javaScript, int width = 1366) => NewPageAsync(new BrowserNewContextOptions
    {
        Locale = "fr-FR", JavaScriptEnabled = javaScript, ViewportSize = new() { Width = width, Height = 900 },
    });

    public Task SignInAsync(IPage page, Member member) => TestDoor.SignInAsync(page, member);
}
