using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>The moderation queue: pending posts oldest first, then flagged items, with one form per action.</summary>
[StaffOnly]
[Accounts.NoStore]   // a reveal shows an identity: no copy kept by the browser or a proxy
public sealed class IndexModel(CommunityDbContext db, IStringLocalizer<Strings> l, ModerationQueue queue,
    ModerationService moderation, RejectionMail rejectionMail, TakedownMail takedownMail, PendingEditReview editReview, Drafts drafts) : ModeratorPage(db, l)
{
    /// <summary>Edits by members not trusted yet, waiting for a decision (Input.Id is the edit's id in their forms).</summary>
    public IReadOnlyList<PendingEditItem> PendingEdits { get; private set; } = [];

    public IReadOnlyList<QueueItem> Items { get; private set; } = [];
    public IReadOnlyDictionary<int, Tag> Tags { get; private set; } = new Dictionary<int, Tag>();
    public IReadOnlyList<TakedownItem> Takedowns { get; private set; } = [];
    /// <summary>Bound only by the AnswerTakedown handler (a page-wide binding would fail the other forms' validation).</summary>
    public TakedownAnswerInput Answer { get; private set; } = new();
    /// <summary>The takedown request whose answer form failed validation.</summary>
    public int? AnswerErrorFor { get; private set; }

    [BindProperty] public QueueInput Input { get; set; } = new();

    /// <summary>The item (<see cref="QueueItem.Key"/>) whose reveal form failed validation (its form shows the message and stays open).</summary>
    public string? RevealErrorFor { get; private set; }
    /// <summary>Set only on the response to a logged reveal, for the moderator who asked.</summary>
    public RevealedIdentity? Revealed { get; private set; }
    public DateTime Now => moderation.Now;

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>
    /// Publishes the item. When it was held for review, the author is told (queued in the outbox in the same transaction
    /// as the approval) and, for a reply, the discussion's author and followers are notified as if it had just been posted.
    /// </summary>
    public async Task<IActionResult> OnPostApproveAsync([FromServices] ApprovalMail approvalMail, [FromServices] Notifications.NotificationCenter replies)
    {
        if (!ModelState.IsValid) return RedirectToPage();
        var actor = await ActorAsync();
        var wasPending = false;
        ModerationOutcome outcome;
        Reply? approvedReply = null;
        await using (var transaction = await Db.Database.BeginTransactionAsync())
        {
            if (Input.Kind == TargetKind.Case)
            {
                (outcome, var @case) = await moderation.OnCaseAsync(Input.Id, Input.Version, actor, ModerationAction.Approve,
                    c => { wasPending = c.IsAwaitingReview; return c.Approve(moderation.Now); }, null, Input.PrivateNote);
                if (outcome == ModerationOutcome.Done && wasPending)
                    await approvalMail.QueueAsync(@case!.AuthorId, @case.Title, TargetKind.Case, @case.Id, Input.Version, ApprovalMail.PathTo(@case.Id, @case.Slug, null));
            }
            else
            {
                (outcome, var reply) = await moderation.OnReplyAsync(Input.Id, Input.Version, actor, ModerationAction.Approve,
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
        return Url.IsLocalUrl(Input.ReturnUrl) ? LocalRedirect(Input.ReturnUrl!) : RedirectToPage();
    }

    public Task<IActionResult> OnPostHideAsync() => ActAsync(ModerationAction.Hide, c => c.Hide(moderation.Now), r => r.Hide(moderation.Now));
    public Task<IActionResult> OnPostUnhideAsync() => ActAsync(ModerationAction.Unhide, c => c.Unhide(), r => r.Unhide());
    public Task<IActionResult> OnPostLockAsync() => ActAsync(ModerationAction.Lock, c => Changed(c, () => c.Lock(moderation.Now), () => c.IsLocked), null);
    public Task<IActionResult> OnPostUnlockAsync() => ActAsync(ModerationAction.Unlock, c => Changed(c, c.Unlock, () => !c.IsLocked), null);
    public Task<IActionResult> OnPostFeatureAsync() => ActAsync(ModerationAction.Feature, c => c.Status == CaseStatus.Published && Changed(c, () => c.Feature(moderation.Now), () => c.FeaturedUtc is not null), null);
    public Task<IActionResult> OnPostUnfeatureAsync() => ActAsync(ModerationAction.Unfeature, c => Changed(c, c.Unfeature, () => c.FeaturedUtc is null), null);
    public async Task<IActionResult> OnPostRetagAsync()
    {
        var known = await Db.Set<Tag>().Where(t => Input.TagIds.Contains(t.Id)).Select(t => t.Id).ToListAsync();   // forged ids are dropped
        return await ActAsync(ModerationAction.Retag, c => { c.SetTags(known); return true; }, null);
    }
    public Task<IActionResult> OnPostDismissAsync() => ActAsync(ModerationAction.DismissFlags, c => { c.Unhide(); return true; }, r => { r.Unhide(); return true; });

    public async Task<IActionResult> OnPostRejectAsync()
    {
        if (!RejectReasonGiven())
        {
            await LoadAsync();
            return Page();
        }
        var reason = Input.Reason!.Value;
        var publicReason = ModerationLabels.Reject(reason, L);
        var actor = await ActorAsync();
        // The rejection and its e-mail (queued in the outbox, once per post and version) commit together.
        await using var transaction = await Db.Database.BeginTransactionAsync();
        if (Input.Kind == TargetKind.Case)
        {
            var (outcome, @case) = await moderation.OnCaseAsync(Input.Id, Input.Version, actor, ModerationAction.Reject,
                c => c.Reject(moderation.Now), publicReason, Input.Text);
            if (outcome == ModerationOutcome.Done)
            {
                await rejectionMail.QueueAsync(@case!.AuthorId, @case.Title, TargetKind.Case, @case.Id, Input.Version, reason, Input.Text);
                // Returned to its author as a draft with the reason, to edit and submit again.
                await drafts.ReturnRejectedAsync(@case, string.IsNullOrWhiteSpace(Input.Text) ? publicReason : $"{publicReason} — {Input.Text.Trim()}", CancellationToken.None);
            }
            Tell(outcome);
        }
        else
        {
            var (outcome, reply) = await moderation.OnReplyAsync(Input.Id, Input.Version, actor, ModerationAction.Reject,
                r => r.Reject(moderation.Now), publicReason, Input.Text);
            if (outcome == ModerationOutcome.Done)
            {
                var title = await Db.Set<Case>().Where(c => c.Id == reply!.CaseId).Select(c => c.Title).FirstAsync();
                await rejectionMail.QueueAsync(reply!.AuthorId, title, TargetKind.Reply, reply.Id, Input.Version, reason, Input.Text);
            }
            Tell(outcome);
        }
        await transaction.CommitAsync();
        return RedirectToPage();
    }

    /// <summary>Publishes an edit awaiting review as a new revision.</summary>
    public async Task<IActionResult> OnPostApproveEditAsync()
    {
        if (!ModelState.IsValid) return RedirectToPage();
        Tell(await editReview.ApproveAsync(Input.Id, await ActorAsync(), Input.PrivateNote));
        return RedirectToPage();
    }

    /// <summary>Discards an edit awaiting review; the published version stays and the author is told why.</summary>
    public async Task<IActionResult> OnPostRejectEditAsync()
    {
        if (!RejectReasonGiven())
        {
            await LoadAsync();
            return Page();
        }
        Tell(await editReview.RejectAsync(Input.Id, await ActorAsync(), Input.Reason!.Value, ModerationLabels.Reject(Input.Reason.Value, L), Input.Text));
        return RedirectToPage();
    }

    /// <summary>
    /// Escrow: the member behind a pseudonym is shown to this moderator, on this response only, once a reason is logged.
    /// Works from the case and from anything its author wrote under the pseudonym (a reply in that discussion).
    /// </summary>
    public async Task<IActionResult> OnPostRevealAsync()
    {
        // Reveals need a sign-in made with the second factor (also required by [StaffOnly]; kept here for this one action).
        if (!User.SignedInWithSecondFactor()) return StatusCode(StatusCodes.Status403Forbidden);
        var target = await PseudonymousTargetAsync(Input.Kind, Input.Id);
        if (target is null) return NotFound();
        var itemKey = $"{Input.Kind.ToString().ToLowerInvariant()}-{Input.Id}";
        if (string.IsNullOrWhiteSpace(Input.RevealReason))
            ModelState.AddModelError("Input.RevealReason", Input.Kind == TargetKind.Case
                ? L["Give the reason you need to know who wrote this case."]
                : L["Give the reason you need to know who wrote this reply."]);
        if (!ModelState.IsValid)
        {
            RevealErrorFor = itemKey;
            await LoadAsync();
            return Page();
        }
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.RevealIdentity, target.Target, null, Input.RevealReason, moderation.Now));
        await Db.SaveChangesAsync();
        var authorId = target.Target.SubjectMemberId;
        var author = authorId is null ? null : await Db.Users.AsNoTracking().Where(m => m.Id == authorId)
            .Select(m => new { m.Id, m.DisplayName, m.Email }).FirstOrDefaultAsync();
        Revealed = new RevealedIdentity(itemKey, target.Pseudonym, author?.Id, author?.DisplayName, author?.Email);
        await LoadAsync();
        return Page();
    }

    private sealed record PseudonymousTarget(ModerationTarget Target, string Pseudonym);

    /// <summary>The case or reply when the byline rule shows it under a pseudonym; null otherwise (nothing to reveal).</summary>
    private async Task<PseudonymousTarget?> PseudonymousTargetAsync(TargetKind kind, int id)
    {
        if (kind == TargetKind.Case)
            return await Db.Set<Case>().AsNoTracking().Where(c => c.Id == id && c.Pseudonym != null)
                .Select(c => new PseudonymousTarget(new ModerationTarget(TargetKind.Case, c.Id, null, c.AuthorId), c.Pseudonym!))
                .FirstOrDefaultAsync();
        if (kind != TargetKind.Reply) return null;
        var reply = await (from r in Db.Set<Reply>().AsNoTracking()
                           join c in Db.Set<Case>() on r.CaseId equals c.Id
                           where r.Id == id
                           select new { r.Id, r.CaseId, r.AuthorId, c.Pseudonym, CaseAuthorId = c.AuthorId }).FirstOrDefaultAsync();
        return reply is not null && Bylines.UnderPseudonym(new CaseAuthorship(reply.CaseAuthorId, reply.Pseudonym), reply.AuthorId)
            ? new PseudonymousTarget(new ModerationTarget(TargetKind.Reply, reply.CaseId, reply.Id, reply.AuthorId), reply.Pseudonym!)
            : null;
    }

    /// <summary>Answers a confirmed takedown request by e-mail; the log keeps the outcome, never the content.</summary>
    public async Task<IActionResult> OnPostAnswerTakedownAsync([Bind(Prefix = "Answer")] TakedownAnswerInput answer)
    {
        Answer = answer;
        var request = await Db.Set<TakedownRequest>().SingleOrDefaultAsync(t => t.Id == Answer.Id && t.ConfirmedUtc != null);
        if (request is null) return NotFound();
        if (!ModelState.IsValid)
        {
            AnswerErrorFor = request.Id;
            await LoadAsync();
            return Page();
        }
        if (!request.Answer(Answer.Outcome!.Value, moderation.Now))
        {
            Tell(ModerationOutcome.NotApplicable);
            return RedirectToPage();
        }
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.AnswerTakedown,
            new ModerationTarget(TargetKind.Case, request.CaseId, null, null), TakedownQueue.Label(request.Outcome!.Value, L), null, moderation.Now));
        var answerMail = takedownMail.QueueAnswer(request, Answer.Message);   // saved with the answer: both or neither
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Tell(ModerationOutcome.Stale);
            return RedirectToPage();
        }
        await takedownMail.SendAsync(answerMail);
        Tell(ModerationOutcome.Done);
        return RedirectToPage();
    }

    /// <summary>A rejection needs a reason, and an explanation for "Other reason".</summary>
    private bool RejectReasonGiven()
    {
        if (Input.Reason is null)
            ModelState.AddModelError("", L["Choose a reason for the rejection."]);
        else if (Input.Reason == RejectReason.Other && string.IsNullOrWhiteSpace(Input.Text))
            ModelState.AddModelError("", L["Explain the reason when you choose \"Other reason\"."]);
        return ModelState.IsValid;
    }

    private static bool Changed(Case @case, Action act, Func<bool> alreadyThere)
    {
        if (alreadyThere()) return false;
        act();
        return true;
    }

    private async Task<IActionResult> ActAsync(ModerationAction action, Func<Case, bool> onCase, Func<Reply, bool>? onReply)
    {
        if (!ModelState.IsValid) return RedirectToPage();
        var actor = await ActorAsync();
        var outcome = Input.Kind switch
        {
            TargetKind.Case => (await moderation.OnCaseAsync(Input.Id, Input.Version, actor, action, onCase, null, Input.PrivateNote)).Outcome,
            TargetKind.Reply when onReply is not null =>
                (await moderation.OnReplyAsync(Input.Id, Input.Version, actor, action, onReply, null, Input.PrivateNote)).Outcome,
            _ => ModerationOutcome.NotApplicable,
        };
        Tell(outcome);
        return Url.IsLocalUrl(Input.ReturnUrl) ? LocalRedirect(Input.ReturnUrl!) : RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Items = await queue.LoadAsync();
        Tags = (await queue.TagsAsync()).ToDictionary(t => t.Id);
        Takedowns = await TakedownQueue.LoadAsync(Db);
        PendingEdits = await editReview.LoadAsync();
    }
}

/// <param name="ItemKey">The queue item (<see cref="QueueItem.Key"/>) the reveal was asked from.</param>
public sealed record RevealedIdentity(string ItemKey, string Pseudonym, string? MemberId, string? DisplayName, string? Email);
