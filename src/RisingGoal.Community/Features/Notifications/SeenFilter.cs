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
            // Records the member (and remembers it here); the request's ReadTracking keeps what it read for the lists.
            await http.RequestServices.GetRequiredService<ReadTracking>().PreviousVisitEndAsync(memberId, http.RequestAborted);
        }
        await next();
    }
}

/// <summary>
/// When this instance last recorded each member as seen, and where their previous visit ended as read then (bounded; a
/// forgotten member is simply recorded again). Until the record is due again that end cannot have moved on any instance:
/// the visit row was seen at most <see cref="ReadTracking.SeenResolution"/> before the record, so a new visit (a gap of
/// <see cref="ReadTracking.VisitGap"/>) cannot start before the record is due. Lists then read it from here, not the database.
/// </summary>
public sealed class SeenMemory : IDisposable
{
    private sealed record Seen(DateTime RecordedUtc, DateTime? PreviousVisitEndUtc);

    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public bool Due(string memberId, DateTime nowUtc) => !Known(memberId, nowUtc, out _);

    /// <summary>The previous visit's end recorded for the member, while the record is not due.</summary>
    public bool Known(string memberId, DateTime nowUtc, out DateTime? previousVisitEndUtc)
    {
        previousVisitEndUtc = null;
        if (!_memory.TryGetValue(memberId, out Seen? seen) || nowUtc - seen!.RecordedUtc >= ReadTracking.SeenResolution || nowUtc < seen.RecordedUtc)
            return false;
        previousVisitEndUtc = seen.PreviousVisitEndUtc;
        return true;
    }

    public void Recorded(string memberId, DateTime nowUtc, DateTime? previousVisitEndUtc) =>
        _memory.Set(memberId, new Seen(nowUtc, previousVisitEndUtc), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = ReadTracking.SeenResolution * 2 });

    public void Dispose() => _memory.Dispose();
}
