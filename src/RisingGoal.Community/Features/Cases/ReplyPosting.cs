using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What became of a reply: not found, refused (errors in the model state, with a suspension notice or not), or posted.</summary>
public sealed record ReplyPosted(bool Found, string? RedirectTo, SuspensionNotice? Suspension = null);

/// <summary>
/// A member replies on a case's page: checks (locked case, lengths, write policy), renders the Markdown (@mentions
/// become profile links), applies the trust policy, saves, notifies, and says on which page the reply landed.
/// </summary>
public sealed class ReplyPosting(CommunityDbContext db, CaseForm form, Reactions reactions, TrustPolicy trust, WritePolicy writes,
    Notifications.Mentions mentions, Notifications.NotificationCenter notifications, IStringLocalizer<Strings> S, TimeProvider clock)
{
    public async Task<ReplyPosted> PostAsync(int id, string me, string body, ModelStateDictionary modelState, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = await db.Set<Case>().Where(c => c.Id == id).VisibleTo(true, now).FirstOrDefaultAsync(ct);
        if (@case is null) return new ReplyPosted(false, null);
        if (!@case.AcceptsReplies)
            modelState.AddModelError("Reply.Body", S["This case is locked: it no longer takes replies."]);
        // Lengths first; @mentions become profile links in the rendered text only (the stored Markdown keeps @Name).
        var rendered = modelState.IsValid ? await form.RenderReplyAsync(body, mentions, modelState, "Reply.Body", ct) : null;
        var decision = await writes.CheckAsync(me, PostedAs.InDiscussion(id, new CaseAuthorship(@case.AuthorId, @case.Pseudonym), me), ct, body);
        if (!decision.Report(modelState, "Reply.Body") || !modelState.IsValid) return new ReplyPosted(true, null, decision.Suspension);

        var reply = @case.AddReply(me, body, rendered!.Body, now)!;
        reply.Mentioning(rendered.Mentioned);
        var held = await trust.ApplyAsync(reply, me, ct);
        db.Add(reply);
        await db.SaveChangesAsync(ct);
        if (!held)
        {
            await reactions.RefreshRepliesAsync(id, added: true, ct);
            await notifications.ReplyPublishedAsync(id, reply.Id, ct);   // in the site, and by e-mail at most once an hour per discussion
        }
        // Straight to the page the new reply is on, the last one (held for review, it sits after the last counted reply).
        // Counted as every reader's page counts them (ReplyPages): a refused reply counted here sent the member to a page
        // 2 that did not exist, telling that the discussion holds a reply nobody may see.
        var counted = await db.Set<Reply>().Where(r => r.CaseId == id).ShownTo(memberId: null, isStaff: false).CountAsync(ct);
        var before = held ? counted : counted - 1;
        return new ReplyPosted(true, $"{CaseUrls.Read(id, @case.Slug, ReplyPages.Of(before, counted))}#{CaseUrls.ReplyAnchor(reply.Id)}", decision.Suspension);
    }
}
