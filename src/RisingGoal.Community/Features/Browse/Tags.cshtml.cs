using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/tags: the whole taxonomy (drift types, tensions, symptoms, safeguards) with descriptions.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class TagsModel(BrowseQueries queries) : PageModel
{
    public IReadOnlyList<BrowseQueries.TagDetail> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tags = await queries.AllTagsAsync(ct);
}
