using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Wiring;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// Two instances of the app (each its own host, DI container, key-ring cache and Kestrel on its own loopback port)
/// on one PostgreSQL database, started at the same moment: one consistent site, every digest sent once.
/// </summary>
public sealed class TwoInstanceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rg-tests", "two-" + Guid.NewGuid().ToString("N"));
    private readonly string _database;
    private readonly TestSmtpServer _smtp = new();
    private DigestAppFactory _one = null!;
    private DigestAppFactory _two = null!;
    private string _oneUrl = "";
    private string _twoUrl = "";

    public TwoInstanceTests()
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.NewConnectionString(_folder);
    }

    public async Task InitializeAsync()
    {
        if (!TestDatabase.IsPostgres) return;
        _smtp.Start();
        _one = Instance();
        _two = Instance();
        // Both start together on an empty database: migrations, imports and the first data-protection key are made
        // under the start-up lock, one instance after the other.
        var urls = await Task.WhenAll(Task.Run(() => Start(_one)), Task.Run(() => Start(_two)));
        (_oneUrl, _twoUrl) = (urls[0], urls[1]);
        Assert.NotEqual(_oneUrl, _twoUrl);
    }

    private DigestAppFactory Instance()
    {
        var app = new DigestAppFactory(_database, _smtp.Port);
        app.With("Caching:Enabled", "true");   // as in production: each instance caches, writes elsewhere must reach it
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        return app;
    }

    private static string Start(DigestAppFactory app)
    {
        app.StartServer();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>A browser-like client: one cookie jar, aimed at one instance (cookies ignore the port, as in browsers).</summary>
    private static FormClient Client(CookieContainer cookies, string baseUrl) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            DefaultRequestHeaders = { { "Accept-Language", "fr" } },
        });

    [PostgresOnlyFact]
    public async Task A_member_signs_in_on_one_instance_and_posts_on_the_other()
    {
        var writer = await _one.Seed(A.Member().Named("Plume"));
        var cookies = new CookieContainer();
        var onOne = Client(cookies, _oneUrl);
        var onTwo = Client(cookies, _twoUrl);

        await onOne.SignInAsync(writer);
        // The cookie minted by one instance is read by the other, and so is the antiforgery token pair.
        var posted = await onTwo.SubmitAsync("/cases/new", await ComposedCase.FieldsAsync(_two, "Deux serveurs, un seul cas"), "form.case-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var caseUrl = posted.Headers.Location!.ToString();
        Assert.StartsWith("/cases/", caseUrl);

        // Both instances serve it at once (no per-instance state to wait for), signed in or not.
        var page = await onOne.GetDocumentAsync(caseUrl);
        Assert.Equal("Deux serveurs, un seul cas", page.QuerySelector("h1")!.TextContent.Trim());
        var anonymous = Client(new CookieContainer(), _twoUrl);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync(caseUrl)).StatusCode);
        Assert.Equal(1, await _two.Query(db => db.Set<Case>().CountAsync(c => c.Title == "Deux serveurs, un seul cas")));
    }

    [PostgresOnlyFact]
    public async Task A_case_hidden_on_one_instance_is_gone_from_the_cached_pages_of_the_other_once_it_is_told()
    {
        var bus = _two.Services.GetRequiredService<PostgresEvictionBus>();
        await bus.Listening.WaitAsync(TimeSpan.FromSeconds(60));
        var author = await _one.Seed(A.Member().Named("Témoin"));
        var moderator = await _one.Seed(A.Member().Named("Modératrice").WithRole(Roles.Moderator));
        const string title = "Un cas à retirer partout";
        var caseId = (await _one.Seed(A.Case().By(author).Titled(title))).Id;
        var slug = await _one.SlugAsync(caseId);
        using var anonymous = new HttpClient { BaseAddress = new Uri(_twoUrl) };
        Assert.Contains(title, await anonymous.GetStringAsync("/cases"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(CaseUrls.Read(caseId, slug))).StatusCode);
        Assert.NotNull((await anonymous.GetAsync("/cases")).Headers.Age);       // instance two serves it from its cache

        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.Applied += () => told.TrySetResult();
        await _one.InScopeAsync(async sp =>
        {
            var moderation = sp.GetRequiredService<Features.Moderation.ModerationService>();
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            var (outcome, _) = await moderation.OnCaseAsync(caseId, version, new Features.Moderation.ModerationActor(moderator.Id, moderator.DisplayName),
                Features.Moderation.ModerationAction.Hide, c => c.Hide(moderation.Now));
            Assert.Equal(Features.Moderation.ModerationOutcome.Done, outcome);
            return 0;
        });
        await told.Task.WaitAsync(TimeSpan.FromSeconds(30));                    // NOTIFY arrives (about a millisecond on loopback)

        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/cases"));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(CaseUrls.Read(caseId, slug))).StatusCode);
    }

    [PostgresOnlyFact]
    public async Task Digests_started_on_both_instances_at_once_are_delivered_exactly_once()
    {
        var author = await _one.Seed(A.Member().Named("Autrice"));
        var readers = new List<Member>();
        for (var i = 0; i < 8; i++)
        {
            var reader = await _one.Seed(A.Member().Named($"Lecteur {i}").WithDigest(DigestFrequency.Weekly));
            readers.Add(reader);
        }
        await _one.Seed(A.Case().By(author).Titled("Un cas pour le résumé"));
        _one.AdvancePastNextWeeklyDigest();
        _two.Clock.SetUtcNow(_one.Clock.GetUtcNow());

        var admin = await _one.Seed(A.Member().Named("Admin").WithRole(Roles.Administrator));
        var cookies = new CookieContainer();
        var onOne = Client(cookies, _oneUrl);
        var onTwo = Client(cookies, _twoUrl);
        // Staff act only after a second-factor sign-in: the test door signs the administrator in with one.
        await onOne.SignInAsync(admin);
        // One antiforgery cookie for the browser before both presses (as the login form gave it before the door).
        Assert.Equal(HttpStatusCode.OK, (await onOne.Http.GetAsync("/admin/digests")).StatusCode);

        // "Send digests now" pressed on both instances at the same moment: each plans and drains the outbox.
        var presses = await Task.WhenAll(
            onOne.SubmitAsync("/admin/digests", new Dictionary<string, string>(), "form[action*='handler=SendNow']"),
            onTwo.SubmitAsync("/admin/digests", new Dictionary<string, string>(), "form[action*='handler=SendNow']"));
        Assert.All(presses, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));

        Assert.All(readers, r => Assert.Single(_smtp.To(r.Email!)));
        Assert.Equal(readers.Count, _smtp.Received.Count);
        var outbox = await _two.Services.OutboxRowsAsync();
        Assert.Equal(readers.Count, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    public async Task DisposeAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            await _one.DisposeAsync();
            await _two.DisposeAsync();
            await _smtp.DisposeAsync();
        }
        TestDatabase.Drop(_database);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
