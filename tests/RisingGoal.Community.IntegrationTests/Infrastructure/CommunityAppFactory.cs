using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The real app over a real database of its own (one per test class, so classes run in parallel safely): a SQLite
/// file, or a PostgreSQL database when <see cref="TestDatabase.IsPostgres"/>,
/// with mail written to a private pickup folder and a controllable clock.
/// </summary>
public class CommunityAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A fixed instant in the future: persistent cookies minted "now" must not look expired to the real-time cookie jar.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = new();

    public CommunityAppFactory()
    {
        Directory.CreateDirectory(_root);
        Mail = new MailFolder(Path.Combine(_root, "mail"), MailSent.WhenIdleAsync);
        ConnectionString = TestDatabase.NewConnectionString(_root);
    }

    /// <summary>This factory's own database (a test may point the app at a shared one through <see cref="With"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file (SQLite runs only).</summary>
    public string DatabasePath => Path.Combine(_root, "community.db");
    public MailFolder Mail { get; }
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>What the app logged at Information and above (see <see cref="CapturedLogs"/>).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// The app's "send this now" signal: requests queue account mail and answer at once, the mail follows in the
    /// background; <see cref="MailFolder"/> waits for it to settle before reading (no sleeping, no polling).
    /// </summary>
    public OutboxSignal MailSent { get; } = new();

    /// <summary>Extra configuration for this factory; call before the first client is created.</summary>
    public CommunityAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Community", ConnectionString);
        builder.UseSetting("Mail:PickupDirectory", Mail.Directory);
        builder.UseSetting("Mail:Smtp:Host", "");
        builder.UseSetting("Community:DemoContent", "false");
        builder.UseSetting("Community:PublicBaseUrl", "http://localhost");
        // Every test client shares one partition (TestServer has no client IP): lift the limits unless a test sets them.
        foreach (var policy in new[] { "login", "register", "password-reset", "email-change", "post", "reply", "flag", "resonate", "staff", "account" })
            builder.UseSetting($"RateLimits:{policy}", "10000");
        foreach (var recipient in new[] { "account-mail", "takedown" })
            builder.UseSetting($"RateLimits:PerRecipient:{recipient}", "10000");
        // Background workers stay off; tests that need them drive DrainOnceAsync / the planner explicitly.
        builder.UseSetting("Digests:Enabled", "false");
        builder.UseSetting("Outbox:Enabled", "false");
        builder.UseSetting("Moderation:AlertsEnabled", "false");
        // Builders store bodies with renderer version 1 on purpose; the start-up re-render would rewrite them mid-test.
        builder.UseSetting("Rerender:OnStartup", "false");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<OutboxSignal>();
            services.AddSingleton(MailSent);
            services.AddSingleton<IStartupFilter, SignInDoor>();   // SignIn's door (test-only)
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        TestDatabase.Drop(ConnectionString);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
