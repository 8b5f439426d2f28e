using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// /takedown/confirm?id=&amp;token=: the link from the e-mail. GET only shows a button (mail scanners follow links);
/// the POST of that button confirms, and a confirmed request enters the moderation queue.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Flag)]
public sealed class TakedownConfirmModel(CommunityDbContext db, TimeProvider clock) : PageModel
{
    public enum State { Invalid, Ready, Confirmed }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public State Status { get; private set; }

    public async Task OnGetAsync()
    {
        var request = await db.Set<TakedownRequest>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id);
        Status = request is null || !request.Matches(Token) ? State.Invalid
            : request.ConfirmedUtc is null ? State.Ready : State.Confirmed;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = await db.Set<TakedownRequest>().SingleOrDefaultAsync(t => t.Id == Id);
        if (request is null || Token is null || !request.Confirm(Token, clock.GetUtcNow().UtcDateTime))
        {
            Status = State.Invalid;
            return Page();
        }
        await db.SaveChangesAsync();
        return RedirectToPage(new { Id, Token });   // Post/Redirect/Get: the GET now shows "confirmed"
    }
}
