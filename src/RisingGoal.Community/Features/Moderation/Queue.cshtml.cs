using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// The moderation queue (pending posts oldest first, then flagged items) and the decisions on a post: approve, reject,
/// hide, lock, feature, re-tag, dismiss the flags. The case page's moderator tools post here too, with a return URL.
/// </summary>
[StaffOnly]
[Accounts.NoStore]   // the queue shows what only staff may see: no copy kept by the browser or a proxy
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
public sealed class QueueModel(CommunityDbContext db, IStringLocalizer<Strings> l, QueueLoader loader, ModerationService moderation)
    : QueuePage(db, l, loader, moderation)
{
    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>
    /// Publishes the item. When it was held for review, the author is told (queued in the outbox in the same transaction
    /// as the approval) and, for a reply, the discussion's author and followers are notified as if it had just been posted.
    /// </summary>
    public async Task<IActionResult> OnPostApproveAsync([FromServices] ApprovalMail approvalMail, [FromServices] Notifications.NotificationCenter replies)
    {
        if (!ModelState.IsValid) return BackToQueue();
        var actor = await ActorAsync();
        var wasPending = false;
        ModerationOutcome outcome;
        Reply? approvedReply = null;
        await using (var transaction = await Db.Database.BeginTransactionAsync())
        {
            if (Input.Kind == TargetKind.Case)
            {
                (outcome, var @case) = await Moderation.OnCaseAsync(Input.Id, Input.Version, actor, ModerationAction.Approve,
                    c => { wasPending = c.IsAwaitingReview; return c.Approve(Now); }, null, Input.PrivateNote);
                if (outcome == ModerationOutcome.Done && wasPending)
                    await approvalMail.QueueAsync(@case!.AuthorId, @case.Title, TargetKind.Case, @case.Id, Input.Version, ApprovalMail.PathTo(@case.Id, @case.Slug, null));
            }
            else
            {
                (outcome, var reply) = await Moderation.OnReplyAsync(Input.Id, Input.Version, actor, ModerationAction.Approve,
                    r => { wasPending = r.IsAwaitingReview; return r.Approve(); }, null, Input.PrivateNote);
                if (outcome == ModerationOutcome.Done && wasPending)
                {
                    approvedReply = reply;
                    var @case = await Db.Set<Case>().Where(c => c.Id == reply!.CaseId).Select(c => new { c.Title, c.Slug }).FirstAsync();
                    await approvalMail.QueueAsync(reply!.AuthorId, @case.Title, TargetKind.Reply, reply.Id, Input.Version, ApprovalMail.PathTo(reply.CaseId, @case.Slug, reply.Id));
                }
            }
            await transaction.CommitAsync();
        }
        // After the commit: the notifier saves per recipient and tolerates a concurrent duplicate, which a transaction would not.
        if (approvedReply is not null)
            await replies.ReplyPublishedAsync(approvedReply.CaseId, approvedReply.Id);
        Tell(outcome);
        return BackToReturnUrl();
    }

    public Task<IActionResult> OnPostHideAsync() => ActAsync(ModerationAction.Hide, c => c.Hide(Now), r => r.Hide(Now));
    public Task<IActionResult> OnPostUnhideAsync() => ActAsync(ModerationAction.Unhide, c => c.Unhide(), r => r.Unhide());
    public Task<IActionResult> OnPostLockAsync() => ActAsync(ModerationAction.Lock, c => Changed(c, () => c.Lock(Now), () => c.IsLocked), null);
    public Task<IActionResult> OnPostUnlockAsync() => ActAsync(ModerationAction.Unlock, c => Changed(c, c.Unlock, () => !c.IsLocked), null);
    public Task<IActionResult> OnPostFeatureAsync() => ActAsync(ModerationAction.Feature, c => c.Status == CaseStatus.Published && Changed(c, () => c.Feature(Now), () => c.FeaturedUtc is not null), null);
    public Task<IActionResult> OnPostUnfeatureAsync() => ActAsync(ModerationAction.Unfeature, c => Changed(c, c.Unfeature, () => c.FeaturedUtc is null), null);
    public async Task<IActionResult> OnPostRetagAsync()
    {
        var known = await Db.Set<Tag>().Where(t => Input.TagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync();   // forged ids are dropped
        return await ActAsync(ModerationAction.Retag, c => { c.SetTags(known); return true; }, null);
    }
    public Task<IActionResult> OnPostDismissAsync() => ActAsync(ModerationAction.DismissFlags, c => { c.Unhide(); return true; }, r => { r.Unhide(); return true; });

    public async Task<IActionResult> OnPostRejectAsync([FromServices] RejectionMail rejectionMail, [FromServices] Drafts drafts)
    {
        if (!RejectReasonGiven($"{Input.Kind.ToString().ToLowerInvariant()}-{Input.Id}")) return await ShowQueueAsync();
        var reason = Input.Reason!.Value;
        var publicReason = ModerationLabels.Reject(reason, L);
        var actor = await ActorAsync();
        // The rejection and its e-mail (queued in the outbox, once per post and version) commit together.
        await using var transaction = await Db.Database.BeginTransactionAsync();
        if (Input.Kind == TargetKind.Case)
        {
            var (outcome, @case) = await Moderation.OnCaseAsync(Input.Id, Input.Version, actor, ModerationAction.Reject,
                c => c.Reject(Now), publicReason, Input.Text);
            if (outcome == ModerationOutcome.Done)
            {
                await rejectionMail.QueueAsync(@case!.AuthorId, @case.Title, TargetKind.Case, @case.Id, Input.Version, reason, Input.Text);
                // Returned to its author as a draft with the reason, to edit and submit again.
                await drafts.ReturnRejectedAsync(@case, string.IsNullOrWhiteSpace(Input.Text) ? publicReason : $"{publicReason} — {Input.Text.Trim()}",
                    namesToRemove: reason == RejectReason.IdentifiesSomeone, CancellationToken.None);
            }
            Tell(outcome);
        }
        else
        {
            var (outcome, reply) = await Moderation.OnReplyAsync(Input.Id, Input.Version, actor, ModerationAction.Reject,
                r => r.Reject(Now), publicReason, Input.Text);
            if (outcome == ModerationOutcome.Done)
            {
                var title = await Db.Set<Case>().Where(c => c.Id == reply!.CaseId).Select(c => c.Title).FirstAsync();
                await rejectionMail.QueueAsync(reply!.AuthorId, title, TargetKind.Reply, reply.Id, Input.Version, reason, Input.Text);
            }
            Tell(outcome);
        }
        await transaction.CommitAsync();
        return BackToQueue();
    }

    private static bool Changed(Case @case, Action act, Func<bool> alreadyThere)
    {
        if (alreadyThere()) return false;
        act();
        return true;
    }

    private async Task<IActionResult> ActAsync(ModerationAction action, Func<Case, bool> onCase, Func<Reply, bool>? onReply)
    {
        if (!ModelState.IsValid) return BackToQueue();
        var actor = await ActorAsync();
        var outcome = Input.Kind switch
        {
            TargetKind.Case => (await Moderation.OnCaseAsync(Input.Id, Input.Version, actor, action, onCase, null, Input.PrivateNote)).Outcome,
            TargetKind.Reply when onReply is not null =>
                (await Moderation.OnReplyAsync(Input.Id, Input.Version, actor, action, onReply, null, Input.PrivateNote)).Outcome,
            _ => ModerationOutcome.NotApplicable,
        };
        Tell(outcome);
        return BackToReturnUrl();
    }

    /// <summary>Back where the form came from (the case page's moderator tools), else the queue.</summary>
    private IActionResult BackToReturnUrl() => Url.IsLocalUrl(Input.ReturnUrl) ? LocalRedirect(Input.ReturnUrl!) : BackToQueue();
}
