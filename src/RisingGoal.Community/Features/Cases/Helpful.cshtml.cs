using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// "This helped me": the case's author (only them) marks or unmarks another member's published reply. The POST says the
/// wanted state ("on"), so a double click is harmless; a suspended author can take a mark back but not add one (as
/// with the other marks). The case page's cache is evicted by the save (the reply row changed). The reply's author is
/// notified (<see cref="Notifications.NotificationCenter.ReplyHelpedAsync"/>).
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Resonate)]
public sealed class HelpfulModel(CommunityDbContext db, TimeProvider clock, WritePolicy writes, CaseReader reader,
    Notifications.NotificationCenter notifications) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await CaseAsync(id, ct) is { } c ? Redirect(CaseUrls.Read(id, c.Slug)) : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, int replyId, bool on, CancellationToken ct)
    {
        var @case = await CaseAsync(id, ct);
        if (@case is null) return NotFound();
        var me = User.MemberId()!;
        if (@case.AuthorId != me) return Forbid();
        var reply = await db.Set<Reply>().FirstOrDefaultAsync(r => r.Id == replyId && r.CaseId == id, ct);
        // A hidden, pending, deleted or own reply takes no mark (it is not shown to readers, or it is the author's own).
        // One held for review or refused is not even there for the case's author, whatever the wanted state: taking a
        // mark back on it answered a redirect where a missing id answers 404, telling that someone's reply waits for a
        // moderator, or was refused, in their discussion (Privacy/Audit14/HelpfulMarkOracleTests).
        if (reply is null || reply.AuthorId == me || !Reply.SeenByReaders(reply.Status) || (on && reply.Status != ReplyStatus.Published))
            return NotFound();
        if (on && await writes.CheckAsync(me, ct) is { IsAllowed: false } refused)
            TempData["Status"] = refused.Message;
        else if (reply.MarkHelpful(on, clock.GetUtcNow().UtcDateTime))
        {
            try
            {
                await db.SaveChangesAsync(ct);
                // Its author is told once per reply; the notification says "the author of the case", never a name.
                if (on) await notifications.ReplyHelpedAsync(id, replyId, reply.AuthorId, ct);
            }
            catch (DbUpdateConcurrencyException) { }   // a moderator changed the reply meanwhile: the page shows its state now
        }
        // Back to the reply on its page of the discussion (a long one is paged).
        var discussion = await reader.LoadAsync(id, me, User.IsModerator(), clock.GetUtcNow().UtcDateTime, ct);
        return Redirect(discussion is null ? CaseUrls.Read(id, @case.Slug) : ReplyPages.PathOf(discussion, replyId));
    }

    private sealed record CaseRef(string Slug, string? AuthorId);

    private Task<CaseRef?> CaseAsync(int id, CancellationToken ct) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Id == id).VisibleTo(true, clock.GetUtcNow().UtcDateTime)
            .Select(c => new CaseRef(c.Slug, c.AuthorId)).FirstOrDefaultAsync(ct);
}
