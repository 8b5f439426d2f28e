using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Playwright;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>The app with the test-only sign-in of <see cref="ModerationTestAuth"/>: a page opened with <see cref="NewPageAsAsync"/> sends the member's id in a header.</summary>
public sealed class ModerationBrowserFixture : BrowserFixture<ModerationBrowserFixture.SignedInAppFactory>
{
    public Task<IPage> NewPageAsAsync(string? memberId, string locale = "fr-FR", BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.Locale = locale;
        options.ExtraHTTPHeaders = memberId is null ? null : new Dictionary<string, string> { [ModerationTestAuth.Header] = memberId };
        return NewPageAsync(options);
    }

    public sealed class SignedInAppFactory : CommunityAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(ModerationTestAuth.Register);
        }
    }
}
