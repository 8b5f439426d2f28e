using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// One rendering per kept member page, however many members miss it at once (MemberPages' single flight), caching on as
/// in production: at each expiry of a busy page 3–6 readers used to render it together (session 15's profile), the
/// likely cause of the rare half-second p99 of bench rows. A member page is held in its rendering by a gate the test
/// opens once every other reader has missed it.
/// </summary>
public sealed class MemberPageSingleFlightTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    /// <summary>Inside MemberPagesFilter (a later order): holds the first rendering of <see cref="Path"/> until opened, counts them all.</summary>
    private sealed class RenderingGate : IAsyncResultFilter, IOrderedFilter
    {
        public const string Path = "/cases";
        public int Order => 1000;
        private int _renderings;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Armed { get; set; }
        public bool FailFirst { get; set; }
        public int Renderings => Volatile.Read(ref _renderings);

        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (Armed && context.HttpContext.Request.Path == Path && Interlocked.Increment(ref _renderings) == 1)
            {
                Entered.SetResult();
                await Open.Task;
                if (FailFirst) throw new InvalidOperationException("The first rendering failed (test).");
            }
            await next();
        }
    }

    private (WebApplicationFactory<Program> App, RenderingGate Gate) GatedApp()
    {
        var gate = new RenderingGate();
        var app = factory.With("Caching:Enabled", "true").WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Configure<MvcOptions>(o => o.Filters.Add(gate))));
        return (app, gate);
    }

    private static long Counter(WebApplicationFactory<Program> app, string name) =>
        (long)app.Services.GetRequiredService<CacheMetrics>().Snapshot()[name];

    /// <summary>
    /// The first reader's rendering held at the gate, the others ask the page; the gate opens once each of them has either
    /// waited for that rendering or rendered the page itself.
    /// </summary>
    private static async Task<(Task<HttpResponseMessage> First, Task<HttpResponseMessage>[] Followers)> MissTogetherAsync(
        WebApplicationFactory<Program> app, RenderingGate gate, FormClient[] readers)
    {
        var waitsBefore = Counter(app, "member.waits");
        gate.Armed = true;
        var first = readers[0].Http.GetAsync(RenderingGate.Path);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(90));
        var followers = readers.Skip(1).Select(r => r.Http.GetAsync(RenderingGate.Path)).ToArray();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (Counter(app, "member.waits") - waitsBefore + (gate.Renderings - 1) < followers.Length)
            await Task.Delay(5, giveUp.Token);
        gate.Open.SetResult();
        return (first, followers);
    }

    private async Task<(FormClient[] Readers, string Title)> ReadersAsync(WebApplicationFactory<Program> app, string title)
    {
        await app.Seed(A.Case().Titled(title).Tagged("framework-vs-culture"));
        var readers = new FormClient[4];
        for (var i = 0; i < readers.Length; i++)
            readers[i] = await app.SignedInAs(await app.Seed(A.Member().Named($"Lectrice simultanée {title.Length}-{i}")));
        return (readers, title);
    }

    [Fact]
    public async Task Members_who_miss_a_page_at_once_wait_for_one_rendering_and_each_get_it_with_their_own_token()
    {
        var (app, gate) = GatedApp();
        var (readers, title) = await ReadersAsync(app, "Un cas que quatre membres ouvrent ensemble");
        var waits = Counter(app, "member.waits");
        var (first, followers) = await MissTogetherAsync(app, gate, readers);
        var responses = await Task.WhenAll(followers.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(1, gate.Renderings);
        Assert.Equal(followers.Length, Counter(app, "member.waits") - waits);
        var tokens = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(title, page.QuerySelector("main")!.TextContent);
            Assert.True(MaskedAntiforgery.TryUnmask(page.QuerySelector("form.lang-switch input[name=__RequestVerificationToken]")!.GetAttribute("value")!, out var token));
            tokens.Add(token);
        }
        Assert.Equal(responses.Length, tokens.Count);   // each member's own token, never the first reader's
    }

    [Fact]
    public async Task When_the_first_rendering_fails_the_members_who_waited_for_it_render_the_page_themselves()
    {
        var (app, gate) = GatedApp();
        gate.FailFirst = true;
        var (readers, title) = await ReadersAsync(app, "Un cas dont le premier rendu échoue");
        var (first, followers) = await MissTogetherAsync(app, gate, readers);

        Assert.Equal(HttpStatusCode.InternalServerError, (await first).StatusCode);
        foreach (var response in await Task.WhenAll(followers).WaitAsync(TimeSpan.FromSeconds(90)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(title, await response.Content.ReadAsStringAsync());
        }
    }
}
