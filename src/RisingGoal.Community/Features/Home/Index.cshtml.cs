using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Home;

/// <summary>Home: the drift × tension matrix, featured cases, latest cases and the most active discussions.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class IndexModel(BrowseQueries queries, MemberSpace.MemberSpaceQueries memberSpace, Notifications.ReadTracking reading,
    Notifications.SinceVisits kept, DraftCounts draftCounts, Infrastructure.Data.OnDemandDb data, Microsoft.Extensions.Localization.IStringLocalizer<Strings> S) : PageModel,
    Shared.IMemberPageVariant, Shared.IMemberPageHoles
{
    /// <summary>The hole where a member's drafts in progress are told: their count is theirs, not the shared page's.</summary>
    public const string DraftsHole = "drafts";

    /// <summary>A member's own part: what is new since their last visit and their marks on the three lists.</summary>
    public string? MemberVariant { get; private set; }

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
        // The visit is remembered between records (SeenMemory) and the section kept per member (SinceVisits): most views query nothing.
        if (User.MemberIdOrNull() is not { } me) return;
        var sinceKey = "-";   // first visit: no section
        DraftCount = await draftCounts.OfAsync(data, me, ct);
        if (await reading.PreviousVisitEndAsync(me, ct) is { } since)
        {
            Task<Notifications.SinceVisit> Read() => kept.GetAsync(me, async () => new(since, await memberSpace.SinceVisitAsync(me, since, ct)));
            var seen = await Read();
            if (seen.SinceUtc != since)   // kept from the previous visit
            {
                kept.Evict(me);
                seen = await Read();
            }
            SinceLastVisit = seen.Items;
            sinceKey = seen.VariantKey;
        }
        async Task<string> MarksOf(IReadOnlyList<CaseRow> rows) => CaseListFragments.MarksKey(rows, await reading.MarksAsync(me, rows, ct));
        MemberVariant = string.Join('|', sinceKey, await MarksOf(Lists.Featured), await MarksOf(Lists.Latest), await MarksOf(Lists.Active));
    }

    /// <summary>The member's drafts in progress (0 for visitors).</summary>
    public int DraftCount { get; private set; }

    /// <summary>
    /// On a page shared by members the drafts line is a hole filled per request (<see cref="FillHole"/>), so one
    /// member's count never reaches another; otherwise the view writes it.
    /// </summary>
    public bool HolesActive => Shared.MemberHoles.Active(HttpContext);

    /// <summary>The line the view writes when holes are off, so a filled page is the same.</summary>
    public void FillHole(string key, System.Buffers.IBufferWriter<byte> into)
    {
        if (key != DraftsHole || DraftCount == 0) return;
        System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8,
            $"<p class=\"your-drafts\"><a href=\"/account/drafts\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(S.Plural(DraftCount, "{0} draft in progress", "{0} drafts in progress").Value)}</a></p>".AsSpan(),
            into);
    }
}
