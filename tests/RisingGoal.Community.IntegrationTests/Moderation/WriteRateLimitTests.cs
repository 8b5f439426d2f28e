using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// Members who publish directly, caching on, the staff writes limited to 2 an hour per member (3 per IP) and the
/// member's own settings (<c>account</c>) to 2 an hour per member (3 per IP).
/// </summary>
public sealed class StaffRateLimitAppFactory : MembersAppFactory
{
    public StaffRateLimitAppFactory()
    {
        With("Caching:Enabled", "true");
        With("RateLimits:staff", "2");
        With("RateLimits:PerIp:staff", "3");
        With("RateLimits:account", "2");
        With("RateLimits:PerIp:account", "3");
    }
}

/// <summary>
/// Every write is rate-limited: each page with a POST handler carries a named limit (checked against the app's page
/// models, so a new form cannot be forgotten), and the staff pages' limit answers the localised 429 page.
/// </summary>
public sealed class WriteRateLimitTests(StaffRateLimitAppFactory factory) : IClassFixture<StaffRateLimitAppFactory>
{
    /// <summary>Pages whose POST is not limited, and why.</summary>
    private static readonly Dictionary<string, string> Unlimited = new()
    {
        ["RisingGoal.Community.Features.Errors.ErrorModel"] = "renders the error page of a failed POST; writes nothing",
        ["RisingGoal.Community.Features.ThemeModel"] = "sets a cookie in the browser; writes nothing on the server",
        ["RisingGoal.Community.Features.CultureModel"] = "sets a cookie in the browser; writes nothing on the server",
        ["RisingGoal.Community.Features.Accounts.LogoutModel"] = "ending one's own session is never refused",
        // RFC 8058 one-click unsubscribe: a mail client POSTs it with no session; refusing it would keep mail coming. It
        // only clears a flag for the member its signed token names, so repeating it writes nothing new.
        ["RisingGoal.Community.Features.Digests.UnsubscribeModel"] = "one-click unsubscribe (RFC 8058) is never refused; idempotent, token-bound",
    };

    [Fact]
    public void Every_page_that_writes_carries_a_rate_limit()
    {
        var unlimited = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            .Where(t => t.GetCustomAttribute<EnableRateLimitingAttribute>() is null)
            .Select(t => t.FullName!).Order().ToList();

        Assert.Equal(Unlimited.Keys.Order().ToList(), unlimited);
    }

    [Fact]
    public async Task A_moderator_past_the_staff_limit_gets_the_localised_429_page_and_can_still_read_the_queue()
    {
        var author = await factory.Seed(A.Member());
        var cases = new List<Case>();
        for (var i = 0; i < 3; i++) cases.Add(await factory.Seed(A.Case().By(author).Titled($"Un cas à verrouiller numéro {i}")));
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));

        var responses = new List<HttpResponseMessage>();
        foreach (var @case in cases)
            responses.Add(await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Lock", new Dictionary<string, string>
            {
                ["Input.Kind"] = nameof(TargetKind.Case), ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = @case.Version.ToString(),
            }));

        Assert.All(responses.Take(2), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var limited = responses[2];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Trop de requêtes", await limited.Content.ReadAsStringAsync());
        Assert.False(await factory.Query(db => db.Set<Case>().AnyAsync(c => c.Id == cases[2].Id && c.LockedUtc != null)));
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.GetAsync("/moderation")).StatusCode);   // reading is never limited
    }

    [Fact]
    public async Task A_member_past_the_limit_on_their_mail_settings_gets_the_localised_429_page_and_the_refused_choice_is_not_saved()
    {
        var member = await factory.Seed(A.Member());
        var client = await factory.SignedInAs(member);
        Task<HttpResponseMessage> ChooseAsync(DigestFrequency frequency) => client.SubmitAsync("/digests/preferences",
            new Dictionary<string, string> { ["Input.Frequency"] = frequency.ToString() }, "form.stacked");

        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(DigestFrequency.Weekly)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(DigestFrequency.Daily)).StatusCode);
        var limited = await ChooseAsync(DigestFrequency.Never);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        Assert.Contains("Trop de requêtes", await limited.Content.ReadAsStringAsync());
        Assert.Equal(DigestFrequency.Daily, await factory.Query(db => db.Set<DigestPreference>()
            .Where(p => p.MemberId == member.Id).Select(p => p.Frequency).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/digests/preferences")).StatusCode);   // reading is never limited
    }
}
