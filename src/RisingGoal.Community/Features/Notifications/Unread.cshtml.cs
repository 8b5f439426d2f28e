using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>/cases/{id}/unread: "N new replies" in a list lands on the first reply the member has not read (no JavaScript).</summary>
public sealed class UnreadModel(CommunityDbContext db, ReadTracking tracking, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var slug = await db.Set<Case>().AsNoTracking().Where(c => c.Id == id)
            .VisibleTo(User.Identity?.IsAuthenticated == true, clock.GetUtcNow().UtcDateTime).Select(c => c.Slug).FirstOrDefaultAsync(ct);
        if (slug is null) return NotFound();
        var first = User.MemberId() is { } me ? await tracking.FirstUnreadReplyIdAsync(me, id, ct) : null;
        return Redirect(CaseUrls.Read(id, slug) + (first is { } replyId ? $"#reply-{replyId}" : "#replies-title"));
    }
}
