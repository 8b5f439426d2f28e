using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Browse;

namespace RisingGoal.Community.Features.Home;

/// <summary>Home: the drift × tension matrix, featured cases, latest cases and the most active discussions.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class IndexModel(BrowseQueries queries) : PageModel
{
    public Matrix Matrix { get; private set; } = new([], [], new Dictionary<(int, int), int>());
    public BrowseQueries.HomeLists Lists { get; private set; } = new([], [], []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);
        Matrix = await queries.MatrixAsync(await queries.DimensionsAsync(ct), signedIn, ct);
        Lists = await queries.HomeListsAsync(signedIn, ct);
    }
}
