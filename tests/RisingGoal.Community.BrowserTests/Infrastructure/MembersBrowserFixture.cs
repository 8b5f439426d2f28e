using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>
/// Like <see cref="BrowserFixture"/>, over <see cref="MembersAppFactory"/> so journeys can sign members in before the
/// login page exists. <see cref="SignInAsync"/> is the one place to switch to the real /account/login form.
/// </summary>
public sealed class MembersBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public MembersAppFactory App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium was not found at '{chromium}'. Install Debian's package or set CHROMIUM_PATH.");
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

    public async Task<IPage> NewPageAsync(string locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new() { Locale = locale, BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs the page's browser context in (shares its cookie jar with page.APIRequest).</summary>
    public async Task SignInAsync(IPage page, Member member)
    {
        var response = await page.APIRequest.PostAsync("/__test/sign-in", new() { Form = page.APIRequest.CreateFormData().Set("email", member.Email!) });
        if (response.Status != 204) throw new InvalidOperationException($"Test sign-in answered {response.Status}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        App.Dispose();
    }
}
