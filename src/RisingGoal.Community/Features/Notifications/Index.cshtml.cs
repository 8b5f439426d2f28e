using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>/notifications: the member's notifications grouped by discussion, with mark read (per discussion) and mark all read.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Resonate)]
[Authorize]
[Accounts.NoStore]
public sealed class IndexModel(NotificationQueries queries, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NotificationGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Groups = await queries.GroupsAsync(User.MemberId()!, ct);

    /// <summary>Marks one discussion's notifications read (<paramref name="caseId"/>), or all of them when it is absent.</summary>
    public async Task<IActionResult> OnPostReadAsync(int? caseId, CancellationToken ct)
    {
        await queries.MarkReadAsync(User.MemberId()!, caseId, clock.GetUtcNow().UtcDateTime, ct);
        return RedirectToPage();
    }
}
