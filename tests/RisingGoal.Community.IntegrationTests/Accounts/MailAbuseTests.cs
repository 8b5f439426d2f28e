using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Moderation;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// The app sending through a real SMTP server, with two mails per recipient address and kind (the per-member and per-IP
/// limits lifted), the test client-IP header of <see cref="RateLimitAppFactory"/> and a password
/// hasher that counts its work.
/// </summary>
public sealed class MailAbuseAppFactory : CommunityAppFactory
{
    public const int PerRecipient = 2;
    public TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();

    /// <summary>The mail received for an address, once the background sender has sent what requests queued.</summary>
    public async Task<IReadOnlyList<MimeKit.MimeMessage>> MailToAsync(string address)
    {
        await MailSent.WhenIdleAsync();
        return Smtp.To(address);
    }
    public CountingHasher Hasher { get; } = new();

    public const string PublicHost = "communaute.example.org";

    public MailAbuseAppFactory()
    {
        With("Community:PublicBaseUrl", $"https://{PublicHost}");
        With("Mail:Smtp:Host", "127.0.0.1").With("Mail:Smtp:Port", Smtp.Port.ToString(CultureInfo.InvariantCulture)).With("Mail:Smtp:Security", "None");
        foreach (var recipient in new[] { "account-mail", "takedown" })
            With($"RateLimits:PerRecipient:{recipient}", PerRecipient.ToString(CultureInfo.InvariantCulture));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RateLimitAppFactory.ClientIpDoor>();
            services.RemoveAll<IPasswordHasher<Member>>();
            services.AddSingleton<IPasswordHasher<Member>>(Hasher);
        });
    }

    /// <summary>A visitor client coming from its own IP address (<c>client.SignInAsync(member)</c> makes it a member's).</summary>
    public FormClient ClientFrom(string ip)
    {
        var client = this.CreateFormClient("en");
        client.Http.DefaultRequestHeaders.Add(RateLimitAppFactory.ClientIpHeader, ip);
        return client;
    }

    private int _smtpStopped;

    // xunit may dispose a fixture both ways (DisposeAsync, then Dispose): the SMTP server stops once.
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _smtpStopped, 1) == 0) Smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public sealed class CountingHasher : IPasswordHasher<Member>
    {
        private readonly PasswordHasher<Member> _inner = new();
        private int _verified;
        public int Verified => _verified;
        public string HashPassword(Member user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Member user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>Issue 13, item 5: mail cannot be used as a weapon, accounts cannot be probed or locked out by strangers.</summary>
public sealed class MailAbuseTests(MailAbuseAppFactory factory) : IClassFixture<MailAbuseAppFactory>
{
    private const string MemberPassword = Builders.MemberBuilder.Password;   // what A.Member() gives
    private static int _ip;

    private static string NewIp() => $"198.51.100.{Interlocked.Increment(ref _ip)}";

    [Fact]
    public async Task Password_reset_mail_is_limited_per_recipient_address_whatever_the_ip()
    {
        var victim = await factory.Seed(A.Member());
        for (var i = 0; i < MailAbuseAppFactory.PerRecipient; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await Forgot(factory.ClientFrom(NewIp()), victim.Email!.ToUpperInvariant())).StatusCode);
        var refused = await Forgot(factory.ClientFrom(NewIp()), victim.Email!);   // the same address, whatever its case
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(MailAbuseAppFactory.PerRecipient, (await factory.MailToAsync(victim.Email!)).Count);

        // Another address is not affected; an address without an account counts the same (a refusal reveals nothing).
        Assert.Equal(HttpStatusCode.Redirect, (await Forgot(factory.ClientFrom(NewIp()), "nobody-" + victim.Email)).StatusCode);
    }

    [Fact]
    public async Task Confirmation_resend_is_limited_per_recipient_address_whatever_the_ip()
    {
        var email = $"unconfirmed-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.Redirect, (await factory.ClientFrom(NewIp()).RegisterAsync(email, "Pas Confirmé " + _ip)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Resend(factory.ClientFrom(NewIp()), email)).StatusCode);   // 2nd mail to the address
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Resend(factory.ClientFrom(NewIp()), email)).StatusCode);
        Assert.Equal(MailAbuseAppFactory.PerRecipient, (await factory.MailToAsync(email)).Count);
    }

    [Fact]
    public async Task Email_change_is_limited_per_new_address_across_members_and_ips()
    {
        var target = $"target-{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < MailAbuseAppFactory.PerRecipient; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await ChangeEmail(await factory.Seed(A.Member()), target)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ChangeEmail(await factory.Seed(A.Member()), target)).StatusCode);
        Assert.Equal(MailAbuseAppFactory.PerRecipient, (await factory.MailToAsync(target)).Count);
    }

    [Fact]
    public async Task Takedown_confirmation_is_limited_per_recipient_address_whatever_the_ip()
    {
        var target = $"takedown-{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < MailAbuseAppFactory.PerRecipient; i++)
            Assert.Equal(HttpStatusCode.OK, (await Takedown(factory.ClientFrom(NewIp()), target)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Takedown(factory.ClientFrom(NewIp()), target)).StatusCode);
        Assert.Equal(MailAbuseAppFactory.PerRecipient, (await factory.MailToAsync(target)).Count);
    }

    [Fact]
    public async Task A_window_later_the_address_may_receive_mail_again()
    {
        var victim = await factory.Seed(A.Member());
        for (var i = 0; i < MailAbuseAppFactory.PerRecipient; i++) await Forgot(factory.ClientFrom(NewIp()), victim.Email!);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Forgot(factory.ClientFrom(NewIp()), victim.Email!)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await Forgot(factory.ClientFrom(NewIp()), victim.Email!)).StatusCode);
    }

    [Fact]
    public async Task Signing_up_with_an_existing_address_answers_like_a_new_one_and_mails_the_owner_only()
    {
        var owner = await factory.Seed(A.Member().Named("Propriétaire " + Guid.NewGuid().ToString("N")[..6]));
        var fresh = $"fresh-{Guid.NewGuid():N}@example.org";

        var forNew = factory.ClientFrom(NewIp());
        var forExisting = factory.ClientFrom(NewIp());
        var newAnswer = await forNew.RegisterAsync(fresh, "Nouvelle " + Guid.NewGuid().ToString("N")[..6]);
        var existingAnswer = await forExisting.RegisterAsync(owner.Email!.ToUpperInvariant(), "Visite Payante http://spam.example");

        Assert.Equal(newAnswer.StatusCode, existingAnswer.StatusCode);
        Assert.Equal(newAnswer.Headers.Location, existingAnswer.Headers.Location);
        Assert.Equal((await forNew.TextAsync("/account/login")).Trim(), (await forExisting.TextAsync("/account/login")).Trim());

        var mail = Assert.Single((await factory.MailToAsync(owner.Email!)));
        Assert.Equal("Quelqu’un a essayé de créer un compte avec votre adresse", mail.Subject);   // the owner's language
        Assert.Contains("/account/login", mail.TextBody);
        Assert.DoesNotContain("Visite Payante", mail.TextBody + mail.HtmlBody + mail.To);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        Assert.Equal(1, users.Users.Count(u => u.NormalizedEmail == owner.Email!.ToUpperInvariant()));
    }

    [Fact]
    public async Task Mail_to_an_unconfirmed_address_carries_no_text_chosen_by_the_requester()
    {
        var email = $"spam-{Guid.NewGuid():N}@example.org";
        await factory.ClientFrom(NewIp()).RegisterAsync(email, "Gagnez 1000 euros ici");
        var confirmation = Assert.Single((await factory.MailToAsync(email)));
        Assert.DoesNotContain("Gagnez", confirmation.TextBody + confirmation.HtmlBody + confirmation.To + confirmation.Subject);

        var member = await factory.Seed(A.Member().Named("Cliquez ici maintenant"));
        var target = $"new-{Guid.NewGuid():N}@example.org";
        await ChangeEmail(member, target);
        var change = Assert.Single((await factory.MailToAsync(target)));
        Assert.DoesNotContain("Cliquez", change.TextBody + change.HtmlBody + change.To + change.Subject);
    }

    [Fact]
    public async Task Logging_in_with_an_unknown_address_spends_a_password_hash_like_a_known_one()
    {
        var before = factory.Hasher.Verified;
        var answer = await (await factory.ClientFrom(NewIp()).LoginAsync($"nobody-{Guid.NewGuid():N}@example.org", "some password 1")).HtmlAsync();
        Assert.Equal(before + 1, factory.Hasher.Verified);
        Assert.Equal("Incorrect e-mail address or password.", answer.Summary());
    }

    [Fact]
    public async Task A_lockout_looks_like_a_wrong_password_and_the_owner_unlocks_by_mail_once()
    {
        var member = await factory.Seed(A.Member().Speaking("en"));
        var stranger = factory.ClientFrom(NewIp());
        for (var i = 0; i < 5; i++)
            Assert.Equal("Incorrect e-mail address or password.", (await (await stranger.LoginAsync(member.Email!, "wrong guess " + i)).HtmlAsync()).Summary());
        var before = factory.Hasher.Verified;
        var locked = await (await stranger.LoginAsync(member.Email!, MemberPassword)).HtmlAsync();
        Assert.Equal("Incorrect e-mail address or password.", locked.Summary());   // even the right password, while locked
        Assert.Equal(before + 1, factory.Hasher.Verified);                          // and the same work as a wrong one

        var mail = (await factory.MailToAsync(member.Email!)).First();
        Assert.Equal("Your Rising Goal Community account is locked", mail.Subject);
        Assert.True((await factory.MailToAsync(member.Email!)).Count <= 2);                     // the notice is rate-limited per address
        var link = new Uri(MailFolder.LinkIn(mail, "/account/unlock?")).PathAndQuery;

        var owner = factory.ClientFrom(NewIp());
        var unlocked = await owner.SubmitAsync(link, new Dictionary<string, string>());
        Assert.Contains("Your account is unlocked", await unlocked.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await owner.LoginAsync(member.Email!, MemberPassword)).StatusCode);

        for (var i = 0; i < 5; i++) await stranger.LoginAsync(member.Email!, "wrong again " + i);
        var reused = await factory.ClientFrom(NewIp()).SubmitAsync(link, new Dictionary<string, string>());
        Assert.Contains("This link is not valid any more", await reused.TextAsync());
        Assert.Equal("Incorrect e-mail address or password.", (await (await owner.LoginAsync(member.Email!, MemberPassword)).HtmlAsync()).Summary());
    }

    private static Task<HttpResponseMessage> Forgot(FormClient client, string email) =>
        client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> Resend(FormClient client, string email) =>
        client.SubmitAsync("/account/confirm/resend", new Dictionary<string, string> { ["Input.Email"] = email });

    private async Task<HttpResponseMessage> ChangeEmail(Member member, string newEmail)
    {
        var client = factory.ClientFrom(NewIp());
        await client.SignInAsync(member);
        return await client.SubmitAsync("/account/email",
            new Dictionary<string, string> { ["Input.NewEmail"] = newEmail, ["Input.Password"] = MemberPassword });
    }

    private static Task<HttpResponseMessage> Takedown(FormClient client, string email) =>
        client.SubmitAsync("/takedown", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Case"] = "http://localhost/cases/1/un-cas", ["Input.Passage"] = "Un passage",
            ["Input.Kind"] = "Removal", ["Input.Explanation"] = "Je suis reconnaissable.",
        }, "form.takedown");
}
