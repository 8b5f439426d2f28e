using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Digests;

/// <summary>POST /digests/offer: the member accepts the weekly digest offered after posting (see DigestOfferViewComponent).</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Resonate)]
public sealed class OfferModel(CommunityDbContext db, DigestPreferences preferences, IStringLocalizer<Strings> l) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(int caseId, List<int> tagIds, CancellationToken ct)
    {
        var me = User.MemberId()!;
        await preferences.AcceptOfferAsync(me, tagIds, ct);
        TempData["Status"] = l["Done: you will receive a weekly summary. Change it at any time in your mail settings."].Value;
        var slug = await db.Set<Case>().Where(c => c.Id == caseId && c.AuthorId == me).Select(c => c.Slug).FirstOrDefaultAsync(ct);
        return Redirect(slug is null ? "/digests/preferences" : CaseUrls.Read(caseId, slug));
    }
}
