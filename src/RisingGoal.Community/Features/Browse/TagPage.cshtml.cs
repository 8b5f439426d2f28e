using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/tensions/{slug} and /drifts/{slug}: the tag, its cases (by key) and its cells of the matrix.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.Resonate)]   // the follow button is a mark, limited like the case's marks (POSTs only)
public sealed class TagPageModel(BrowseQueries queries, OnDemandDb data, IStringLocalizer<Strings> l, Notifications.ReadTracking reading,
    FollowedTags followed) : PageModel, Shared.IMemberPageVariant
{
    /// <summary>A member's own part: whether they follow the tag, and their marks on the rows.</summary>
    public string? MemberVariant { get; private set; }

    /// <summary>Null for a visitor; else whether the member's digest follows this tag.</summary>
    public bool? Following { get; private set; }

    public BrowseQueries.TagDetail Tag { get; private set; } = null!;
    public CaseListQuery Query { get; private set; } = new();
    public CaseListPage Results { get; private set; } = new([], null);
    public IReadOnlyList<(TagChip Other, int Count, string Url)> Intersections { get; private set; } = [];
    public bool Ignored { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, string slug, CancellationToken ct)
    {
        var query = CaseListQuery.From(Request.Query);
        var tagKind = KindOf(kind);
        if (await queries.TagAsync(tagKind, slug, ct) is not { } tag) return NotFound();
        Tag = tag;
        if (User.MemberIdOrNull() is { } me)   // a member's page is never served from the page cache; their tags are kept
            Following = (await followed.OfAsync(data, me, ct)).Contains(tag.Id);
        PageCache.Tag(HttpContext, CaseCacheTags.Tag(tag.Id));
        var signedIn = User.Identity?.IsAuthenticated == true;

        // Only the sort and the cursor apply here; the tag itself is the filter.
        Query = new CaseListQuery { Sort = query.Sort, After = query.After };
        var dimensions = await queries.DimensionsAsync(ct);
        var filter = Query.Resolve(dimensions, out var ignored) with
        {
            TensionIds = tagKind == TagKind.Tension ? [tag.Id] : [],
            DriftIds = tagKind == TagKind.DriftType ? [tag.Id] : [],
        };
        Ignored = ignored;
        Results = await queries.ListAsync(filter, signedIn, ct);

        var matrix = await queries.MatrixAsync(dimensions, signedIn, ct);
        Intersections = tagKind == TagKind.Tension
            ? matrix.Drifts.Select(d => (d, matrix.Count(d, tag.Chip), BrowseUrls.Intersection(d.Slug, tag.Slug))).ToList()
            : matrix.Tensions.Select(t => (t, matrix.Count(tag.Chip, t), BrowseUrls.Intersection(tag.Slug, t.Slug))).ToList();
        if (User.MemberIdOrNull() is { } member)
            MemberVariant = $"{Following}{CaseListFragments.MarksKey(Results.Rows, await reading.MarksAsync(member, Results.Rows, ct))}";
        return Page();
    }

    /// <summary>
    /// Follow or stop following this tag: the tags of the member's digest (the same list as the mail settings). A
    /// member without a digest gets the weekly one, otherwise following would change nothing they can see.
    /// </summary>
    public async Task<IActionResult> OnPostFollowAsync(string kind, string slug, bool follow, [FromServices] DigestPreferences preferences,
        [FromServices] WritePolicy writes, CancellationToken ct)
    {
        if (User.MemberIdOrNull() is not { } me) return Challenge();
        var tagKind = KindOf(kind);
        if (await queries.TagAsync(tagKind, slug, ct) is not { } tag) return NotFound();
        var decision = await writes.CheckAsync(me, ct);
        if (!decision.IsAllowed)
        {
            TempData["Status"] = decision.Message;
            return Redirect(BrowseUrls.Tag(tagKind, tag.Slug));
        }
        // Read without tracking: SaveAsync loads (or creates) the row itself.
        var preference = await data.Context.Set<DigestPreference>().AsNoTracking().Include(p => p.FollowedTags)
            .FirstOrDefaultAsync(p => p.MemberId == me, ct) ?? DigestPreference.For(me);
        var tags = preference.FollowedTags.Select(t => t.TagId).Where(id => id != tag.Id).ToList();
        if (follow) tags.Add(tag.Id);
        var frequency = follow && preference.Frequency == DigestFrequency.Never ? DigestFrequency.Weekly : preference.Frequency;
        await preferences.SaveAsync(me, frequency, tags, preference.ReplyNotifications, ct);
        var name = tag.Name(System.Globalization.CultureInfo.CurrentUICulture);
        TempData["Status"] = (follow
            ? frequency != preference.Frequency && preference.Frequency == DigestFrequency.Never
                ? l["You follow “{0}”: its new cases will come in your weekly digest.", name]
                : l["You follow “{0}”: its new cases will come in your digest.", name]
            : tags.Count == 0
                ? l["You no longer follow “{0}”. You follow no tension or drift type now, so your digest covers every case.", name]
                : l["You no longer follow “{0}”.", name]).Value;
        return Redirect(BrowseUrls.Tag(tagKind, tag.Slug));
    }

    private static TagKind KindOf(string kind) => kind == "tensions" ? TagKind.Tension : TagKind.DriftType;
}
