using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/takedown/confirm?id=&amp;token=: the link from the e-mail; a confirmed request enters the moderation queue.</summary>
public sealed class TakedownConfirmModel(CommunityDbContext db, TimeProvider clock) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(int id, string? token)
    {
        var request = await db.Set<TakedownRequest>().SingleOrDefaultAsync(t => t.Id == id);
        Confirmed = request is not null && token is not null && request.Confirm(token, clock.GetUtcNow().UtcDateTime);
        if (Confirmed) await db.SaveChangesAsync();
    }
}
