using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// POST /cases/drafts/save: the composer's "Save draft" button (answered with a redirect back to the composer) and
/// draft-autosave.js (header <c>X-Autosave</c>, answered 204). Its own rate limit, so autosaving never eats the
/// publishing limit. A suspended member may still save: a draft is private and publishes nothing.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Draft)]
public sealed class SaveDraftModel(Drafts drafts, IStringLocalizer<Strings> S) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var autosave = Request.Headers.ContainsKey("X-Autosave");
        if (Input.DraftId is not { } id || id == Guid.Empty) return BadRequest();
        switch (await drafts.SaveAsync(id, User.MemberId()!, Input, ct))
        {
            case Drafts.SaveOutcome.NotFound:
                return NotFound();
            case Drafts.SaveOutcome.TooMany:
                if (autosave) return StatusCode(StatusCodes.Status409Conflict);
                TempData["Status"] = S["You have too many drafts: delete some before starting another one."].Value;
                return Redirect("/account/drafts");
        }
        if (autosave) return new NoContentResult();
        TempData["Status"] = S["Draft saved. Find it again under your account, in My drafts."].Value;
        return Redirect(CaseUrls.Draft(id));
    }
}
