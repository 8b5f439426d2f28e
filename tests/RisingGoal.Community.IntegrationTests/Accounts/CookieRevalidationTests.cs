using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>Members who publish directly, with the page caches on (as in production).</summary>
public sealed class CookieRevalidationAppFactory : MembersAppFactory
{
    public CookieRevalidationAppFactory() => With("Caching:Enabled", "true");
}

/// <summary>
/// The sign-in cookie is checked against the database (security stamp) only once its validation interval has passed:
/// inside it a signed-in page builds no validator (no SignInManager, UserManager or DbContext for it); past it, a
/// security stamp changed elsewhere (another instance) ends the other sessions. Changes made by this instance do not
/// wait for the interval (SessionEndTests), nor does suspension.
/// </summary>
public sealed class CookieRevalidationTests(CookieRevalidationAppFactory factory) : IClassFixture<CookieRevalidationAppFactory>
{
    private TimeSpan Interval => IntervalOf(factory);

    private static TimeSpan IntervalOf(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;

    private static async Task<HttpStatusCode> AccountPageAsync(FormClient client) => (await client.Http.GetAsync("/account")).StatusCode;

    [Fact]
    public async Task A_security_stamp_changed_by_another_instance_refuses_the_old_cookie_once_the_interval_has_passed_and_not_before()
    {
        var member = await factory.Seed(A.Member());
        var client = await factory.SignedInAs(member);
        Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));

        // Written straight to the database, as another instance would: this one's KnownSecurityStamps does not see it.
        // (Changes this instance makes end the sessions at once: SessionEndTests.)
        await factory.Query(db => db.Set<Member>().Where(m => m.Id == member.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.SecurityStamp, Guid.NewGuid().ToString("N").ToUpperInvariant())));
        factory.Clock.Advance(Interval);
        Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));                   // not yet checked

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await client.Http.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location!.AbsolutePath, ignoreCase: true);
    }

    [Fact]
    public async Task A_member_suspended_after_signing_in_cannot_write_at_once()
    {
        var author = await factory.Seed(A.Member());
        var @case = await factory.Seed(A.Case().By(author).Titled("Un cas où l’on répond avant et après une suspension"));
        var member = await factory.Seed(A.Member());
        var client = await factory.SignedInAs(member);
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var before = await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse avant la suspension." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);

        await factory.Query(async db =>
        {
            db.Add(Suspension.Start(member.Id, author.Id, TimeSpan.FromDays(7), "Propos injurieux", factory.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var after = await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse pendant la suspension." }, "form.reply-form");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Votre compte est suspendu jusqu’au", WebUtility.HtmlDecode(await after.Content.ReadAsStringAsync()));
        Assert.Equal(1, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.AuthorId == member.Id)));
    }

    [Fact]
    public async Task A_signed_in_page_inside_the_interval_builds_no_stamp_validator_and_one_past_it()
    {
        var validators = new ValidatorCount();
        var counter = new SqlCommandCounter();
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.ConfigureCommunityDbContext((_, o) => o.AddInterceptors(counter));
            validators.Register(services);
        }));
        var client = await app.SignedInAs(await app.Seed(A.Member()));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/cases")).StatusCode);   // warm-up

        validators.Reset();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/cases")).StatusCode);
        Assert.Equal(0, validators.Count);

        factory.Clock.Advance(IntervalOf(app) + TimeSpan.FromSeconds(1));   // this app's services: starting the base host would stop this one
        counter.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/cases")).StatusCode);
        Assert.Equal(1, validators.Count);                           // due: checked once, the stamp read from the database...
        Assert.True(counter.Count > 0);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/cases")).StatusCode);
        Assert.Equal(1, validators.Count);                           // ...and the renewed cookie starts a new interval
    }

    /// <summary>
    /// Why a profile can show "every request re-validated" past 30 minutes: each check renews the cookie, and a client
    /// that replays the old one (a load tool, a script) instead of keeping the renewed one is due again next time.
    /// </summary>
    [Fact]
    public async Task A_client_replaying_an_old_cookie_without_keeping_the_renewed_one_is_checked_on_every_request_past_the_interval()
    {
        var validators = new ValidatorCount();
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(validators.Register));
        var member = await app.Seed(A.Member());
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var signIn = await raw.PostAsync(SignInDoor.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = member.Email! }));
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("rg.auth=", StringComparison.Ordinal)).Split(';')[0];

        factory.Clock.Advance(IntervalOf(app) + TimeSpan.FromSeconds(1));
        validators.Reset();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
            request.Headers.Add("Cookie", cookie);
            var response = await raw.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rg.auth=", StringComparison.Ordinal));   // renewed, and dropped
        }

        Assert.Equal(3, validators.Count);
    }

    /// <summary>Counts how many times a request builds Identity's stamp validator (and so its SignInManager, UserManager and DbContext).</summary>
    private sealed class ValidatorCount
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);
        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void Register(IServiceCollection services)
        {
            var identity = services.Last(d => d.ServiceType == typeof(ISecurityStampValidator)).ImplementationType!;
            services.AddScoped(identity);
            services.AddScoped<ISecurityStampValidator>(sp =>
            {
                Interlocked.Increment(ref _count);
                return (ISecurityStampValidator)sp.GetRequiredService(identity);
            });
        }
    }
}
