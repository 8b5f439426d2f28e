using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Browse;

/// <summary>/members/{displayName}: cases published under the display name, and replies. Never pseudonymous cases.</summary>
public sealed class MemberProfileModel(BrowseQueries queries) : PageModel
{
    public BrowseQueries.MemberCard Member { get; private set; } = null!;
    public IReadOnlyList<CaseRow> Cases { get; private set; } = [];
    public IReadOnlyList<ReplyRow> Replies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string displayName, CancellationToken ct)
    {
        if (await queries.MemberAsync(displayName, ct) is not { } member) return NotFound();
        Member = member;
        var signedIn = User.Identity?.IsAuthenticated == true;
        Cases = await queries.MemberCasesAsync(member.Id, signedIn, ct);
        Replies = await queries.MemberRepliesAsync(member.Id, signedIn, ct);
        return Page();
    }
}
