using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// <see cref="BrowserFixture"/> for the digest journeys: the app with its workers off and the test sign-in door
/// (<see cref="DigestAppFactory"/>), on Kestrel at 127.0.0.1, driven by Debian's Chromium.
/// </summary>
public sealed class DigestBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public DigestAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.");
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

    /// <summary>A fresh browser context signed in as the member with this e-mail (the real Identity cookie).</summary>
    public async Task<IPage> SignedInPageAsync(string email, string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new() { Locale = locale, BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        var response = await context.APIRequest.GetAsync("/test/sign-in?email=" + Uri.EscapeDataString(email));
        Assert.Equal(204, response.Status);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}
