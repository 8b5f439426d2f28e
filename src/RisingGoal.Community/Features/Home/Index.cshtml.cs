using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Home;

/// <summary>Home: the drift × tension matrix, featured cases, latest cases and the most active discussions.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class IndexModel(BrowseQueries queries, MemberSpace.MemberSpaceQueries memberSpace, Notifications.ReadTracking reading) : PageModel
{
    /// <summary>
    /// For a signed-in member back after a visit: what is new since it ended (null for visitors and on a first visit).
    /// Visitors' home is untouched, and stays in the page cache (a member's request never reads nor fills it).
    /// </summary>
    public IReadOnlyList<MemberSpace.SinceVisitItem>? SinceLastVisit { get; private set; }

    public Matrix Matrix { get; private set; } = new([], [], new Dictionary<(int, int), int>(), new Dictionary<int, int>());
    public BrowseQueries.HomeLists Lists { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);
        Matrix = await queries.MatrixAsync(await queries.DimensionsAsync(ct), signedIn, ct);
        Lists = await queries.HomeListsAsync(signedIn, ct);
        // The visit is read once per request (the lists' "new" marks share it): one more query for the section.
        if (User.MemberIdOrNull() is { } me && await reading.PreviousVisitEndAsync(me, ct) is { } since)
            SinceLastVisit = await memberSpace.SinceVisitAsync(me, since, ct);
    }
}
