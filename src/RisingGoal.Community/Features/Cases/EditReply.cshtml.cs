using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The author or a moderator edits (keeping a revision) or deletes (tombstone) a reply.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Reply)]
public sealed class EditReplyModel(CommunityDbContext db, CaseForm form, Reactions reactions, TimeProvider clock, WritePolicy writes,
    TrustPolicy trust, PendingEdits pendingEdits, IStringLocalizer<Strings> S, Notifications.Mentions mentions) : PageModel
{
    [BindProperty] public ReplyInput Input { get; set; } = new();
    public string CaseTitle { get; private set; } = "";
    public string CaseUrl { get; private set; } = "";
    /// <summary>The edit would wait for a moderator (the rule <see cref="OnPostAsync"/> applies): told before it is written, and on the button.</summary>
    public bool ReadBeforePublished { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int replyId, CancellationToken ct)
    {
        var reply = await LoadAsync(id, replyId, ct);
        if (reply is null) return NotFound();
        if (!User.MayChange(reply.AuthorId)) return Forbid();
        await ReadTrustAsync(id, ct);
        Input.Body = (await pendingEdits.OfAsync(id, replyId, User.MemberId()!, ct))?.BodyMarkdown ?? reply.BodyMarkdown;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int replyId, CancellationToken ct)
    {
        var reply = await LoadAsync(id, replyId, ct);
        if (reply is null) return NotFound();
        if (!User.MayChange(reply.AuthorId)) return Forbid();
        var me = User.MemberId()!;
        var postedAs = await ReadTrustAsync(id, ct);   // said again if the form comes back
        // Lengths first, then rendered like a new reply (@mentions become profile links in the HTML).
        if (!ModelState.IsValid || await form.RenderReplyAsync(Input.Body, mentions, ModelState, "Input.Body", ct) is not { } rendered) return Page();
        if (!(await writes.CheckAsync(me, postedAs, ct, Input.Body)).Report(ModelState, "Input.Body")) return Page();
        if (ReadBeforePublished)   // not trusted yet: the published reply stays until a moderator approves
        {
            await pendingEdits.ProposeAsync(PendingEdit.ForReply(id, replyId, me, Input.Body, rendered.Mentioned, clock.GetUtcNow().UtcDateTime), ct);
            TempData["Status"] = S["Your edit is awaiting review: readers see the published version until a moderator approves it."].Value;
            return Redirect(CaseUrls.Reply(id, replyId));
        }
        db.Add(reply.Edit(me, Input.Body, rendered.Body, clock.GetUtcNow().UtcDateTime));
        await db.RecordMentionsAsync(reply, rendered.Mentioned, ct);
        await db.SaveChangesAsync(ct);
        return Redirect(CaseUrls.Reply(id, replyId));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, int replyId, CancellationToken ct)
    {
        var reply = await LoadAsync(id, replyId, ct);
        if (reply is null) return NotFound();
        if (!User.MayChange(reply.AuthorId)) return Forbid();
        if (reply.Delete(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            await reactions.RefreshRepliesAsync(id, added: false, ct);
        }
        return Redirect(CaseUrls.Reply(id, replyId));
    }

    /// <summary>How the member's reply is shown in this discussion, and whether an edit under that name waits for a moderator.</summary>
    private async Task<PostedAs> ReadTrustAsync(int caseId, CancellationToken ct)
    {
        var postedAs = await trust.InDiscussionAsync(User.MemberId()!, caseId, ct);
        ReadBeforePublished = !await trust.IsTrustedAsync(User.MemberId()!, postedAs, ct);
        return postedAs;
    }

    private async Task<Reply?> LoadAsync(int id, int replyId, CancellationToken ct)
    {
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == id).VisibleTo(true, clock.GetUtcNow().UtcDateTime)
            .Select(c => new { c.Title, c.Slug }).FirstOrDefaultAsync(ct);
        if (@case is null) return null;
        (CaseTitle, CaseUrl) = (@case.Title, CaseUrls.Read(id, @case.Slug));
        return await db.Set<Reply>().FirstOrDefaultAsync(r => r.Id == replyId && r.CaseId == id && r.Status == ReplyStatus.Published, ct);
    }
}
