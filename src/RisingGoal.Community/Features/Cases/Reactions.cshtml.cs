using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The toggles under a case. Each POST says the wanted state ("on" true/false), so a double click is harmless.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Resonate)]
public sealed class ReactionsModel(CommunityDbContext db, Reactions reactions, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await SlugAsync(id, ct) is { } slug ? RedirectPermanent(CaseUrls.Read(id, slug)) : NotFound();

    public Task<IActionResult> OnPostResonateAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "resonance", (me, c) => reactions.SetResonanceAsync(id, me, on, c), ct);

    public Task<IActionResult> OnPostBookmarkAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "actions", (me, c) => reactions.SetBookmarkAsync(id, me, on, c), ct);

    public Task<IActionResult> OnPostFollowAsync(int id, bool on, CancellationToken ct) =>
        ApplyAsync(id, "actions", (me, c) => reactions.SetFollowAsync(id, me, on, c), ct);

    private async Task<IActionResult> ApplyAsync(int id, string anchor, Func<string, CancellationToken, Task> change, CancellationToken ct)
    {
        var slug = await SlugAsync(id, ct);
        if (slug is null) return NotFound();
        await change(User.MemberId()!, ct);
        return Redirect($"{CaseUrls.Read(id, slug)}#{anchor}");
    }

    private Task<string?> SlugAsync(int id, CancellationToken ct) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Id == id).VisibleTo(true, clock.GetUtcNow().UtcDateTime)
            .Select(c => c.Slug).FirstOrDefaultAsync(ct);
}
