using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The toggles under a case. Each POST says the wanted state ("on" true/false), so a double click is harmless.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Resonate)]
public sealed class ReactionsModel(CommunityDbContext db, Reactions reactions, TimeProvider clock, WritePolicy writes) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await SlugAsync(id, ct) is { } slug ? RedirectPermanent(CaseUrls.Read(id, slug)) : NotFound();

    public Task<IActionResult> OnPostResonateAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "resonance", on, (me, c) => reactions.SetResonanceAsync(id, me, on, c), ct);

    public Task<IActionResult> OnPostBookmarkAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "actions", on, (me, c) => reactions.SetBookmarkAsync(id, me, on, c), ct);

    public Task<IActionResult> OnPostFollowAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "actions", on, (me, c) => reactions.SetFollowAsync(id, me, on, c), ct);

    /// <summary>A suspended member may take a mark back (withdraw, unbookmark, unfollow) but not add one.</summary>
    private async Task<IActionResult> ApplyAsync(int id, string anchor, bool on, Func<string, CancellationToken, Task> change, CancellationToken ct)
    {
        var slug = await SlugAsync(id, ct);
        if (slug is null) return NotFound();
        var me = User.MemberId()!;
        if (on && await writes.CheckAsync(me, ct) is { IsAllowed: false } refused)
            TempData["Status"] = refused.Message;
        else
            await change(me, ct);
        return Redirect($"{CaseUrls.Read(id, slug)}#{anchor}");
    }

    private Task<string?> SlugAsync(int id, CancellationToken ct) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Id == id).VisibleTo(true, clock.GetUtcNow().UtcDateTime)
            .Select(c => c.Slug).FirstOrDefaultAsync(ct);
}
