using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.MemberSpace;

/// <summary>/account/drafts: the member's drafts (saved from the composer, or rejected cases returned to them).</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Draft)]
[Authorize]
[NoStore]
public sealed class DraftsModel(Drafts drafts, IStringLocalizer<Strings> l) : PageModel
{
    public IReadOnlyList<DraftRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await drafts.ListAsync(ClaimsPrincipalExtensions.MemberId(User), ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (await drafts.DeleteAsync(id, ClaimsPrincipalExtensions.MemberId(User), ct) == 0) return NotFound();
        TempData["Status"] = l["The draft is deleted."].Value;
        return RedirectToPage();
    }
}
