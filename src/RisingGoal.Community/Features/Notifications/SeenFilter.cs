using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Caching.Memory;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// A signed-in member is "seen" on every page they view, not only on lists: the digest skips members who visited since
/// the last one, and the visit boundary says what is "new". Cheap: this instance remembers when it last recorded each
/// member, so most page views cost nothing; at most one read (and a write when due, see
/// <see cref="ReadTracking.PreviousVisitEndAsync"/>) per member and <see cref="ReadTracking.SeenResolution"/>.
/// </summary>
public sealed class SeenFilter(SeenMemory memory, TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) && http.User.MemberIdOrNull() is { } memberId && memory.Due(memberId, clock.GetUtcNow().UtcDateTime))
        {
            // The request's ReadTracking keeps what it read: a list on this page asks no second time.
            await http.RequestServices.GetRequiredService<ReadTracking>().PreviousVisitEndAsync(memberId, http.RequestAborted);
            memory.Recorded(memberId, clock.GetUtcNow().UtcDateTime);
        }
        await next();
    }
}

/// <summary>When this instance last recorded each member as seen (bounded; a forgotten member is simply recorded again).</summary>
public sealed class SeenMemory : IDisposable
{
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public bool Due(string memberId, DateTime nowUtc) =>
        !_memory.TryGetValue(memberId, out DateTime last) || nowUtc - last >= ReadTracking.SeenResolution || nowUtc < last;

    public void Recorded(string memberId, DateTime nowUtc) =>
        _memory.Set(memberId, nowUtc, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ReadTracking.SeenResolution * 2 });

    public void Dispose() => _memory.Dispose();
}
