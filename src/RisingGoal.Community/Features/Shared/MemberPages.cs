using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Shared;

/// <summary>
/// A page whose signed-in rendering is the same for every member whose own state on it is the same: it names that
/// state as data (<see cref="MemberVariant"/>), never the member's identity.
/// </summary>
public interface IMemberPageVariant
{
    /// <summary>
    /// Everything of the member's own the page shows besides the layout's header count and mail banner (row marks,
    /// resonance and follow buttons, "n new replies"...), as text; null when the page must be rendered for this member
    /// alone (their own case or reply on it, a quotation, a personal list).
    /// </summary>
    string? MemberVariant { get; }
}

/// <summary>
/// Member pages rendered once and shared (issue 19, item 1): the HTML of a signed-in page is kept per address, culture,
/// theme, header count, mail banner and the page's <see cref="IMemberPageVariant.MemberVariant"/>, with holes filled per
/// request: the antiforgery token, and the parts a page marks as the member's own (<see cref="IMemberPageHoles"/>: the
/// edit links of their replies). So two members with the same marks on a list get the same bytes, each with their own
/// token and links, and a member's page costs their own state (from per-member caches) and a copy, not a Razor rendering.
/// <para>
/// Never stale past the data it was built from: an entry belongs to the <see cref="CaseCache.Generation"/> read before
/// the page's handler (any write to cases, replies, tags or names moves it) and lives only for what remains of the
/// lifetime of the oldest cached data it shows (<see cref="ReadAge"/>), or <see cref="ReadAge.StaleGrace"/> when that
/// data is past it (served while one reader refreshes it). Staff, a pending status message (TempData), an
/// unknown query key or a page without a variant are rendered as before.
/// </para>
/// </summary>
public sealed class MemberPages(CachingOptions options, TimeProvider clock, CaseCache cases, CacheMetrics metrics) : IDisposable
{
    /// <summary>Memory budget in KiB (the page cache and the read models have their own).</summary>
    public const long BudgetKiB = 32 * 1024;

    private sealed record Template(long Generation, DateTimeOffset ExpiresAt, HtmlTemplate Html);

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = BudgetKiB, CompactionPercentage = 0.25 });

    /// <summary>Renderings under way, per key and generation: the page each will keep, or null when it kept none.</summary>
    private readonly ConcurrentDictionary<(string Key, long Generation), TaskCompletionSource<HtmlTemplate?>> _rendering = new();

    /// <summary>
    /// How long a reader waits for another reader's rendering of the same page before rendering it themselves: far above
    /// a rendering (under 0.1 s; half a second for eight long discussions at once on 2 cores), so that a stuck one
    /// costs its followers a delay, not the request.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    public bool Enabled => options.Enabled;

    public long Generation => cases.Generation;

    internal bool TryGet(string key, long generation, [NotNullWhen(true)] out HtmlTemplate? html)
    {
        html = null;
        if (!_memory.TryGetValue(key, out Template? hit) || hit!.Generation != generation || hit.ExpiresAt <= clock.GetUtcNow())
        {
            metrics.MemberPageMiss();
            return false;
        }
        metrics.MemberPageHit();
        html = hit.Html;
        return true;
    }

    /// <summary>
    /// A single flight on a miss: the first reader to miss a page renders it (<paramref name="leader"/> set: they must
    /// <see cref="EndRendering"/>); the others get the task of that rendering (the kept page, or null when it was not
    /// kept), since at each expiry of a busy page 3–6 readers used to render it at once (session 15's profile: the odd
    /// p99 of bench rows). Keyed by generation too: a reader who saw a later write never takes an earlier rendering.
    /// </summary>
    internal Task<HtmlTemplate?>? JoinRendering(string key, long generation, out TaskCompletionSource<HtmlTemplate?>? leader)
    {
        var mine = new TaskCompletionSource<HtmlTemplate?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var under = _rendering.GetOrAdd((key, generation), mine);
        leader = under == mine ? mine : null;
        if (leader is not null) return null;
        metrics.MemberPageWaited();
        return under.Task;
    }

    /// <summary>Ends a rendering begun by <see cref="JoinRendering"/>: its followers get <paramref name="kept"/>.</summary>
    internal void EndRendering(string key, long generation, TaskCompletionSource<HtmlTemplate?> leader, HtmlTemplate? kept)
    {
        _rendering.TryRemove(new KeyValuePair<(string, long), TaskCompletionSource<HtmlTemplate?>>((key, generation), leader));
        leader.TrySetResult(kept);
    }

    /// <summary>Waits for another reader's rendering, no longer than <see cref="LongestWait"/> (null: render it yourself).</summary>
    internal async Task<HtmlTemplate?> AwaitRenderingAsync(Task<HtmlTemplate?> rendering, CancellationToken ct)
    {
        try
        {
            return await rendering.WaitAsync(LongestWait, clock, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps <paramref name="template"/> (the page cut at its token and holes), when its data is still current; says
    /// whether it was kept (only a kept page may be served to another member).
    /// </summary>
    internal bool Store(string key, long generation, string html, HtmlTemplate template, string memberId)
    {
        var now = clock.GetUtcNow();
        var lifetime = ReadAge.KeepNow(options.Duration, now);
        // A page that names its member (their id in a link or a form) is theirs alone, whatever the page declared. Only a
        // whole document is shared: once a blank 200 was served to a member for the rest of an entry's life (seen under
        // load, cause not found), and whatever cut a rendering short must not reach every member with the same marks.
        if (lifetime <= TimeSpan.Zero || cases.Generation != generation || html.Contains(memberId, StringComparison.Ordinal)
            || !IsWholeDocument(html)) return false;
        metrics.MemberPageStored();
        _memory.Set(key, new Template(generation, now + lifetime, template), new MemoryCacheEntryOptions
        {
            Size = Math.Clamp(template.Length * 4 / 3 / 1024 + 1, 1, BudgetKiB / 8),   // with its deflated copy (a quarter to a third)
            AbsoluteExpirationRelativeToNow = lifetime,
        });
        return true;
    }

    internal static bool IsWholeDocument(string html) =>
        html.AsSpan().TrimStart().StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase)
        && html.AsSpan().TrimEnd().EndsWith("</html>", StringComparison.OrdinalIgnoreCase);

    public void Dispose() => _memory.Dispose();
}

public static class MemberPagesSetup
{
    public static IServiceCollection AddMemberPages(this IServiceCollection services)
    {
        services.AddSingleton<MemberPages>();
        services.AddSingleton<MemberPagesFilter>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<MemberPagesFilter>());
        return services;
    }
}

/// <summary>Serves and fills <see cref="MemberPages"/> around the rendering of a Razor page (GET, signed-in, not staff).</summary>
public sealed class MemberPagesFilter(MemberPages pages, IAntiforgery antiforgery) : IAsyncPageFilter, IAsyncResultFilter
{
    private static readonly object KeptKey = new();

    /// <summary>What the page's handler began with: the generation it read under, and the member (one item, not two: Items grows by resizing).</summary>
    private sealed record KeptRequest(long Generation, string MemberId);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Before the handler reads anything: a write meanwhile makes what it renders unfit to keep. Holes are decided
        // here too, so that the handler knows whether its view may mark them (they are then always filled below).
        if (pages.Enabled && Eligible(context.HttpContext, out var memberId))
        {
            // Eligibility is the request's: not asked again after the handler.
            context.HttpContext.Items[KeptKey] = new KeptRequest(pages.Generation, memberId);
            if (context.HandlerInstance is IMemberPageHoles) MemberHoles.Activate(context.HttpContext);
        }
        return next();
    }

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        var variant = (context.Controller as IMemberPageVariant)?.MemberVariant;
        var holes = MemberHoles.Active(http) ? context.Controller as IMemberPageHoles : null;
        if (context.Result is not PageResult || (variant is null && holes is null)
            || http.Items[KeptKey] is not KeptRequest(var generation, var memberId))
        {
            await next();
            return;
        }
        var key = variant is null ? null : await KeyAsync(http, memberId, variant);
        TaskCompletionSource<HtmlTemplate?>? leader = null;
        if (key is not null)
        {
            if (!pages.TryGet(key, generation, out var kept)
                && pages.JoinRendering(key, generation, out leader) is { } rendering)
                kept = await pages.AwaitRenderingAsync(rendering, http.RequestAborted);
            if (kept is not null)
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                await kept.WriteAsync(http.Response, antiforgery.GetAndStoreTokens(http).RequestToken!, holes, http.RequestAborted, spliceGzip: true);
                context.Cancel = true;
                return;
            }
        }
        try
        {
            await RenderAsync(context, next, key, generation, memberId, variant, holes, leader);
        }
        finally
        {
            // Whatever stopped the rendering, its followers render for themselves.
            if (leader is not null) pages.EndRendering(key!, generation, leader, kept: null);
        }
    }

    /// <summary>
    /// Renders the page for this member and keeps it when the key still holds; the readers waiting on this rendering
    /// (<paramref name="leader"/>) get it as soon as it is kept, before this member's copy is written out.
    /// </summary>
    private async Task RenderAsync(ResultExecutingContext context, ResultExecutionDelegate next, string? key, long generation,
        string memberId, string? variant, IMemberPageHoles? holes, TaskCompletionSource<HtmlTemplate?>? leader)
    {
        var http = context.HttpContext;

        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = body;
        }
        // Every member page carries the request's token (the log-out form): it is the hole. Asked before the body goes
        // out, so that the headers a token brings could still be set.
        var rendered = antiforgery.GetAndStoreTokens(http).RequestToken;
        if (rendered is null || http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, http.RequestAborted);
            return;
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var template = MemberHoles.Cut(html, rendered);
        // The header count and banner are asked again: changed while rendering (a write of the member's), the page is
        // not what the key says, and is not kept.
        var kept = key is not null && http.Response.StatusCode == StatusCodes.Status200OK && !http.RequestAborted.IsCancellationRequested
            && await KeyAsync(http, memberId, variant!) == key && pages.Store(key, generation, html, template, memberId);
        if (leader is not null) pages.EndRendering(key!, generation, leader, kept ? template : null);
        await template.WriteAsync(http.Response, rendered, holes, http.RequestAborted);
    }

    /// <summary>A signed-in member's GET, not staff, no status message waiting, only the query keys pages know.</summary>
    private static bool Eligible(HttpContext http, out string memberId)
    {
        memberId = http.User.MemberIdOrNull() ?? "";
        if (memberId.Length == 0 || !HttpMethods.IsGet(http.Request.Method)) return false;
        // Loops, not LINQ: asked on every member page (a delegate and a boxed enumerator each).
        foreach (var role in StaffAccess.StaffRoles)
            if (http.User.IsInRole(role)) return false;
        foreach (var cookie in http.Request.Cookies)
            if (cookie.Key.StartsWith(CookieTempDataProvider.CookieName, StringComparison.Ordinal)) return false;
        foreach (var value in http.Request.Query)
            if (!PageCache.KnownQueryKeys.Contains(value.Key)) return false;
        return true;
    }

    /// <summary>What the layout shows of the member (header count, mail banner) and everything the address and cookies choose.</summary>
    private static async Task<string> KeyAsync(HttpContext http, string memberId, string variant)
    {
        var unread = await http.RequestServices.GetRequiredService<Notifications.UnreadCounts>().OfAsync(http.RequestServices, memberId, http.RequestAborted);
        var paused = await http.RequestServices.GetRequiredService<Digests.PausedMailMembers>().IsPausedAsync(memberId, http.RequestAborted);
        var request = http.Request;
        return string.Join('\n', request.Scheme, request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value,
            CultureInfo.CurrentUICulture.Name, ThemePreference.Of(request), unread.ToString(CultureInfo.InvariantCulture), paused ? "paused" : "", variant);
    }
}
