using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/members/{displayName}: cases published under the display name (by key), and replies. Never pseudonymous cases.</summary>
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class MemberProfileModel(BrowseQueries queries) : PageModel
{
    public BrowseQueries.MemberCard Member { get; private set; } = null!;
    public CaseListQuery Query { get; private set; } = new();
    public CaseListPage Cases { get; private set; } = new([], null);
    public IReadOnlyList<ProfileReplyRow> Replies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string displayName, [FromQuery] string? after, CancellationToken ct)
    {
        if (await queries.MemberAsync(displayName, ct) is not { } member) return NotFound();
        Member = member;
        PageCache.Tag(HttpContext, CaseCacheTags.Member(member.Id));
        var signedIn = User.Identity?.IsAuthenticated == true;
        Query = new CaseListQuery { After = after };
        var filter = Query.Resolve([], out _) with { NamedAuthorId = member.Id };
        Cases = await queries.ListAsync(filter, signedIn, ct);
        Replies = await queries.MemberRepliesAsync(member.Id, signedIn, ct);
        // Every case listed here (theirs, and those they replied on) evicts the page when it changes.
        PageCache.Tag(HttpContext, Cases.Rows.Select(r => CaseCacheTags.Case(r.Id)).Concat(Replies.Select(r => CaseCacheTags.Case(r.CaseId))));
        return Page();
    }
}
