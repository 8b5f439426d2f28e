using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// The app with low limits on every policy (2 per member or anonymous visitor, 3 per IP) and a test-only client
/// address: TestServer has none, so <see cref="ClientIpHeader"/> sets Connection.RemoteIpAddress before the limiter runs.
/// </summary>
public sealed class RateLimitAppFactory : CommunityAppFactory
{
    public const string ClientIpHeader = "X-Test-Client-IP";
    public const int PerRequester = 2, PerIp = 3;
    public static readonly string[] Policies = ["post", "reply", "flag", "resonate", "login", "register", "password-reset"];

    public RateLimitAppFactory()
    {
        foreach (var policy in Policies)
        {
            With($"RateLimits:{policy}", PerRequester.ToString());
            With($"RateLimits:PerIp:{policy}", PerIp.ToString());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientIpDoor>());
    }

    internal sealed class ClientIpDoor : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader].ToString(), out var ip))
                    context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Issue 4, item 7: every limited action is limited per member AND per IP at the same time.</summary>
public sealed class RateLimitTests(RateLimitAppFactory factory) : IClassFixture<RateLimitAppFactory>
{
    private static int _network;

    public static TheoryData<string> Policies => new(RateLimitAppFactory.Policies);

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Members_sharing_an_IP_together_exhaust_its_limit(string policy)
    {
        var office = NewIp();
        var first = await MemberClientAsync(office);
        var second = await MemberClientAsync(office);
        var third = await MemberClientAsync(office);

        // 2 (the first member's own limit) + 1 by the second member = the office's 3.
        await AllowedAsync(policy, first, first);
        await AllowedAsync(policy, second);
        var limited = await SendAsync(policy, second);
        await AssertLimitedAsync(limited);
        await AssertLimitedAsync(await SendAsync(policy, third));   // a member who has sent nothing yet

        // The refusals by the office's limit cost the members nothing: from another IP the third gets their whole own allowance.
        var away = await MemberClientAsync(NewIp(), third.Member);
        await AllowedAsync(policy, away, away);
        await AssertLimitedAsync(await SendAsync(policy, away));
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task A_member_switching_IPs_still_hits_their_own_limit(string policy)
    {
        var member = await MemberClientAsync(NewIp());
        var elsewhere = await MemberClientAsync(NewIp(), member.Member);
        var third = NewIp();

        await AllowedAsync(policy, member, elsewhere);
        await AssertLimitedAsync(await SendAsync(policy, await MemberClientAsync(third, member.Member)));

        // That IP was not charged for the refused request: another member there gets through.
        await AllowedAsync(policy, await MemberClientAsync(third));
    }

    [Theory]
    [InlineData("login")]
    [InlineData("register")]
    [InlineData("password-reset")]
    [InlineData("flag")]   // the public takedown form
    public async Task Anonymous_visitors_are_limited_per_IP(string policy)
    {
        var ip = NewIp();
        await AllowedAsync(policy, Anonymous(ip), Anonymous(ip));
        var limited = await SendAsync(policy, Anonymous(ip));
        await AssertLimitedAsync(limited);

        await AllowedAsync(policy, Anonymous(NewIp()));
    }

    [Fact]
    public async Task IPv6_clients_count_per_64_block()
    {
        var site = $"2001:db8:{Interlocked.Increment(ref _network):x}";
        await AllowedAsync("login", Anonymous($"{site}:1::1"), Anonymous($"{site}:1::2"));
        await AssertLimitedAsync(await SendAsync("login", Anonymous($"{site}:1:ffff::1")));
        await AllowedAsync("login", Anonymous($"{site}:2::1"));
    }

    [Fact]
    public async Task Reading_is_never_limited()
    {
        var ip = NewIp();
        for (var i = 0; i < RateLimitAppFactory.PerIp + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await Anonymous(ip).Client.Http.GetAsync("/account/login")).StatusCode);
    }

    private static string NewIp()
    {
        var n = Interlocked.Increment(ref _network);
        return $"10.{n / 256 % 256}.{n % 256}.7";
    }

    private Requester Anonymous(string ip) => new(null, Client(ip));

    /// <summary>A client at <paramref name="ip"/> signed in as <paramref name="member"/> (a new one by default).</summary>
    private async Task<Requester> MemberClientAsync(string ip, Member? member = null)
    {
        member ??= await factory.Seed(A.Member());
        var client = Client(ip);
        await client.SignInAsync(member);
        return new Requester(member, client);
    }

    private FormClient Client(string ip)
    {
        var client = factory.CreateFormClient();
        client.Http.DefaultRequestHeaders.Add(RateLimitAppFactory.ClientIpHeader, ip);
        return client;
    }

    private async Task AllowedAsync(string policy, params Requester[] requesters)
    {
        foreach (var requester in requesters)
        {
            var response = await SendAsync(policy, requester);
            Assert.True((int)response.StatusCode < 400, $"{policy} answered {(int)response.StatusCode}");
        }
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Trop de requêtes", await response.Content.ReadAsStringAsync());
    }

    /// <summary>One real POST to a page carrying the policy (the token comes from a GET, which is never limited).</summary>
    private async Task<HttpResponseMessage> SendAsync(string policy, Requester requester)
    {
        var client = requester.Client;
        const string tokenPage = "/takedown";   // a public form: it carries a token for visitors too
        return policy switch
        {
            "post" => await client.PostWithTokenAsync("/cases/new", "/cases/new", new Dictionary<string, string> { ["Input.Title"] = "" }),
            "reply" => await client.PostWithTokenAsync(tokenPage, $"/cases/{await CaseIdAsync()}?handler=Reply", new Dictionary<string, string> { ["Reply.Body"] = "" }),
            "flag" when requester.Member is null => await client.PostWithTokenAsync("/takedown", "/takedown", new Dictionary<string, string> { ["Input.Email"] = "" }),
            "flag" => await client.PostWithTokenAsync(tokenPage, $"/flag/case/{await NewCaseIdAsync()}", new Dictionary<string, string> { ["Input.Reason"] = "Spam" }),
            "resonate" => await client.PostWithTokenAsync(tokenPage, $"/cases/{await CaseIdAsync()}/reactions?handler=Resonate&on=true", new Dictionary<string, string>()),
            "login" => await client.PostWithTokenAsync(tokenPage, "/account/login", new Dictionary<string, string> { ["Input.Email"] = "x@example.test", ["Input.Password"] = "not the password" }),
            "register" => await client.PostWithTokenAsync(tokenPage, "/account/register", new Dictionary<string, string> { ["Input.Email"] = "" }),
            "password-reset" => await client.PostWithTokenAsync(tokenPage, "/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "x@example.test" }),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
        };
    }

    private int? _caseId;

    private async Task<int> CaseIdAsync() => _caseId ??= await NewCaseIdAsync();

    /// <summary>A fresh case (flags: enough distinct flaggers on one case would hide it).</summary>
    private async Task<int> NewCaseIdAsync()
    {
        var author = await factory.Seed(A.Member());
        return (await factory.Seed(A.Case().By(author))).Id;
    }

    private sealed record Requester(Member? Member, FormClient Client);
}
