using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// /messages/{id}: the member's conversation with the moderators about one of their posts, and their answer. Someone
/// else's thread is a 404, as is a missing one. Suspended members may answer (see <see cref="MessageService.MemberAnswersAsync"/>).
/// </summary>
[Authorize]
[NoStore]
[EnableRateLimiting(RateLimits.Reply)]
public sealed class MemberModel(MessageQueries queries, MessageService messages, Microsoft.Extensions.Localization.IStringLocalizer<Strings> l) : PageModel
{
    public MemberThread Thread { get; private set; } = null!;

    [BindProperty] public MessageInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.MemberThreadAsync(User.MemberId()!, id, ct) is not { } thread) return NotFound();
        Thread = thread;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await OnGetAsync(id, ct);
        if (!await messages.MemberAnswersAsync(User.MemberId()!, id, Input.Body!, ct)) return NotFound();
        TempData["Status"] = l["Your answer was sent to the moderators."].Value;
        return Redirect(MessageUrls.Member(id));
    }
}
