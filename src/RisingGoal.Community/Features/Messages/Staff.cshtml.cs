using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Messages;

/// <summary>/moderation/messages/{id}: one conversation with the author of a post, and the form to write again.</summary>
[StaffOnly]
[Accounts.NoStore]
[EnableRateLimiting(RateLimits.Reply)]
public sealed class StaffModel(CommunityDbContext db, MessageQueries queries, MessageService messages) : PageModel
{
    public StaffThread Thread { get; private set; } = null!;

    [BindProperty] public MessageInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.StaffThreadAsync(id, ct) is not { } thread) return NotFound();
        Thread = thread;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await OnGetAsync(id, ct);
        if (!await messages.ModeratorWritesAsync(await StaffActor.OfAsync(db, User, ct), id, Input.Body!, ct)) return NotFound();
        return Redirect(MessageUrls.Staff(id));
    }
}
