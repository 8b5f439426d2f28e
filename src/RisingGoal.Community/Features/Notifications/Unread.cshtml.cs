using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>
/// /cases/{id}/unread: "N new replies" in a list lands on the first reply the member has not read, on the page of the
/// discussion it is on (no JavaScript); with nothing unread, on the last page, where the discussion goes on.
/// </summary>
public sealed class UnreadModel(CaseReader reader, ReadTracking tracking, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var me = User.MemberId();
        var page = await reader.LoadAsync(id, me, User.IsModerator(), clock.GetUtcNow().UtcDateTime, ct);
        if (page is null) return NotFound();
        var first = me is not null ? await tracking.FirstUnreadReplyIdAsync(me, id, ct) : null;
        if (first is { } replyId && ReplyPages.Of(page.Replies, replyId) is { } number)
            return Redirect($"{CaseUrls.Read(id, page.Slug, number)}#{CaseUrls.ReplyAnchor(replyId)}");
        return Redirect($"{CaseUrls.Read(id, page.Slug, ReplyPages.Count(page.Replies))}#replies-title");
    }
}
