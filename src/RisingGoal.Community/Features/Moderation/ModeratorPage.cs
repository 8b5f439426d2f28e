using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>What every moderator page needs: who is acting, and how to tell the outcome.</summary>
public abstract class ModeratorPage(CommunityDbContext db, IStringLocalizer<Strings> l) : PageModel
{
    protected CommunityDbContext Db => db;
    protected IStringLocalizer<Strings> L => l;
    protected string MemberId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    protected async Task<ModerationActor> ActorAsync()
    {
        var name = await db.Users.Where(m => m.Id == MemberId).Select(m => m.DisplayName).FirstOrDefaultAsync();
        return new ModerationActor(MemberId, name ?? User.Identity?.Name ?? "");
    }

    /// <summary>Puts the localised outcome in the status line shown by the layout.</summary>
    protected void Tell(ModerationOutcome outcome) => TempData["Status"] = outcome switch
    {
        ModerationOutcome.Done => l["Done."].Value,
        ModerationOutcome.Stale => l["Another moderator (or the author) changed this item since you opened the page: nothing was changed. Check its current state below."].Value,
        ModerationOutcome.NotFound => l["This item no longer exists."].Value,
        _ => l["This action does not apply to the item in its current state."].Value,
    };
}
