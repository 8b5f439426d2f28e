using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// /cases/{id}/replies/{replyId}: the permalink of a reply (notifications, e-mails, search, quotes). Answers with a
/// redirect to the page of the discussion the reply is on, at its anchor, from the same read model the page shows, so
/// both always agree. A reply the reader does not see (or no longer exists) lands on the discussion's first page.
/// </summary>
public sealed class ReplyLinkModel(CaseReader reader, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int replyId, CancellationToken ct)
    {
        var page = await reader.LoadAsync(id, User.MemberId(), User.IsModerator(), clock.GetUtcNow().UtcDateTime, ct);
        return page is null ? NotFound() : Redirect(ReplyPages.PathOf(page, replyId));
    }
}
