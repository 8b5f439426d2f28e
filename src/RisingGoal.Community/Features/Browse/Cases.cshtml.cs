using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/cases: every case the reader may see, filtered, sorted and paginated by key.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class CasesModel(BrowseQueries queries, Notifications.ReadTracking reading) : PageModel, Shared.IMemberPageVariant
{
    /// <summary>A member's own part: their marks on the rows (the "Unread" list is theirs alone).</summary>
    public string? MemberVariant { get; private set; }

    public CaseListQuery Query { get; private set; } = new();
    public CaseFilter Filter { get; private set; } = CaseFilter.Newest;
    public IReadOnlyList<TagChip> Dimensions { get; private set; } = [];
    public CaseListPage Results { get; private set; } = new([], null);
    public bool Ignored { get; private set; }
    /// <summary>The ticked drift types then tensions, with their definitions: the heading of a matrix cell.</summary>
    public IReadOnlyList<BrowseQueries.TagDetail> Selected { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Query = CaseListQuery.From(Request.Query);
        PageCache.Tag(HttpContext, CaseCacheTags.Lists);
        Dimensions = await queries.DimensionsAsync(ct);
        Filter = query.Resolve(Dimensions, out var ignored);
        Ignored = ignored;
        var signedIn = User.Identity?.IsAuthenticated == true;
        // "Unread" is the member's own list: computed for them alone, never from the shared cache.
        Results = query.Unread && Accounts.ClaimsPrincipalExtensions.MemberIdOrNull(User) is { } me
            ? await queries.PageOfAsync(reading.Unread(queries.Filtered(Filter, signedIn: true), me), Filter, ct)
            : await queries.ListAsync(Filter, signedIn, ct);
        Total = await queries.CountAsync(Filter, signedIn, ct);
        if (!query.Unread && Accounts.ClaimsPrincipalExtensions.MemberIdOrNull(User) is { } member)
            MemberVariant = CaseListFragments.MarksKey(Results.Rows, await reading.MarksAsync(member, Results.Rows, ct));
        var ticked = Filter.DriftIds.Concat(Filter.TensionIds).ToHashSet();
        Selected = ticked.Count == 0 ? [] : (await queries.CachedTagsAsync(ct)).Where(t => ticked.Contains(t.Id))
            .OrderBy(t => t.Kind).ToList();
    }
}
