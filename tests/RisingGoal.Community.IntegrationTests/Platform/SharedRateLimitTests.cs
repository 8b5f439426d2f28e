using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Wiring;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// Two instances on one PostgreSQL database, each behind its own port, share one login allowance: a client that
/// alternates between them is refused at the configured limit, not at twice it.
/// </summary>
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private const int LoginLimit = 4;
    private const int MailsPerRecipient = 2;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rg-tests", "limits-" + Guid.NewGuid().ToString("N"));
    private readonly string _database;
    private DigestAppFactory _one = null!;
    private DigestAppFactory _two = null!;
    private string _oneUrl = "";
    private string _twoUrl = "";

    public SharedRateLimitTests()
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.NewConnectionString(_folder);
    }

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgres) return;
        _one = Instance();
        _two = Instance();
        var urls = await Task.WhenAll(Task.Run(() => Start(_one)), Task.Run(() => Start(_two)));
        (_oneUrl, _twoUrl) = (urls[0], urls[1]);
    }

    private DigestAppFactory Instance()
    {
        var app = new DigestAppFactory(_database);
        app.With("Caching:Enabled", "true");
        app.With("RateLimits:login", LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.With("RateLimits:PerRecipient:account-mail", MailsPerRecipient.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        return app;
    }

    private static string Start(DigestAppFactory app)
    {
        app.StartServer();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    private static FormClient Client(string baseUrl) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            DefaultRequestHeaders = { { "Accept-Language", "fr" } },
        });

    [PostgresOnlyFact]
    public async Task A_client_hammering_logins_across_both_instances_is_refused_at_the_limit_not_twice_it()
    {
        var onOne = Client(_oneUrl);
        var onTwo = Client(_twoUrl);
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3 * LoginLimit; attempt++)
        {
            var client = attempt % 2 == 0 ? onOne : onTwo;
            var response = await client.SubmitAsync("/account/login",
                new Dictionary<string, string> { ["Input.Email"] = "personne@example.org", ["Input.Password"] = "pas le bon mot de passe" });
            answers.Add(response.StatusCode);
        }

        // Each instance alone would grant LoginLimit attempts (2 × LoginLimit in all); together they grant LoginLimit.
        Assert.Equal(LoginLimit, answers.Count(a => a != HttpStatusCode.TooManyRequests));
        Assert.All(answers.Take(LoginLimit), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(answers.Skip(LoginLimit), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
        var refused = await onTwo.Http.PostAsync("/account/login", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [PostgresOnlyFact]
    public async Task Password_reset_mail_to_one_address_is_limited_once_for_both_instances()
    {
        var onOne = Client(_oneUrl);
        var onTwo = Client(_twoUrl);
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3 * MailsPerRecipient; attempt++)
        {
            var response = await (attempt % 2 == 0 ? onOne : onTwo).SubmitAsync("/account/forgot-password",
                new Dictionary<string, string> { ["Input.Email"] = "cible@example.org" });
            answers.Add(response.StatusCode);
        }

        Assert.Equal(MailsPerRecipient, answers.Count(a => a != HttpStatusCode.TooManyRequests));
        Assert.All(answers.Skip(MailsPerRecipient), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));
    }

    public async Task DisposeAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            await _one.DisposeAsync();
            await _two.DisposeAsync();
        }
        TestDatabase.Drop(_database);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
