using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// The real app (<typeparamref name="TApp"/>: own database, own mail folder) on Kestrel at 127.0.0.1, and Debian's
/// Chromium driven by Playwright. Chromium is found through the CHROMIUM_PATH setting, else /usr/bin/chromium; when
/// missing, tests fail with a clear message. Subclasses only add how a page signs in.
/// </summary>
public abstract class BrowserFixture<TApp> : IAsyncLifetime where TApp : CommunityAppFactory, new()
{
    private IPlaywright? _playwright;

    public TApp App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"Chromium was not found at '{chromium}'. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.");

        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// How long a step may wait for the app (milliseconds). Generous: CI runs the browser and integration suites side by
    /// side on two cores, where a sign-up (password hashing, mail, confirmation, sign-in) once took more than 15 s.
    /// A busy machine is slow, not wrong; a broken page still fails, only later.
    /// </summary>
    public const float Patience = 60_000;

    /// <summary>A fresh browser context (own cookies) speaking the given language.</summary>
    public Task<IPage> NewPageAsync(string locale = "fr-FR") => NewPageAsync(new BrowserNewContextOptions { Locale = locale });

    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(Patience);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}

/// <summary>The app as visitors see it.</summary>
public sealed class BrowserFixture : BrowserFixture<CommunityAppFactory>;

public static class AxeExtensions
{
    /// <summary>Fails on serious or critical accessibility violations of the current page.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0,
            $"Accessibility violations on {page.Url}:\n" + string.Join("\n", blocking.Select(v =>
                $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
