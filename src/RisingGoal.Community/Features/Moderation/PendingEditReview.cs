using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// One edit (or new follow-up) awaiting review in the queue: the proposed text as a line diff against the published
/// version. The author is shown by their pseudonym when the edit is theirs on a pseudonymous case, never by name.
/// </summary>
public sealed record PendingEditItem(int Id, int CaseId, int? ReplyId, FollowUpStatus? FollowUpStatus, string CaseTitle, DateTime CreatedUtc,
    string? AuthorName, string? Pseudonym, IReadOnlyList<DiffLine> Diff)
{
    public bool IsCaseEdit => ReplyId is null && FollowUpStatus is null;
}

/// <summary>Reads the edits awaiting review and applies a moderator's decision (approve: a new revision; reject: discarded, author told).</summary>
public sealed class PendingEditReview(CommunityDbContext db, MarkdownRenderer renderer, RejectionMail rejectionMail, TimeProvider clock, Notifications.NotificationCenter notifications,
    Notifications.Mentions mentions)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<PendingEditItem>> LoadAsync()
    {
        var edits = await db.Set<PendingEdit>().AsNoTracking().OrderBy(e => e.CreatedUtc).ThenBy(e => e.Id).Take(Limit).ToListAsync();
        if (edits.Count == 0) return [];
        var caseIds = edits.Select(e => e.CaseId).Distinct().ToList();
        var replyIds = edits.Select(e => e.ReplyId).OfType<int>().ToList();
        var authorIds = edits.Select(e => e.AuthorId).Distinct().ToList();
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Summary, Body = c.Body.Markdown, c.Outcome, c.OpenQuestion, c.AuthorId, c.Pseudonym })
            .ToDictionaryAsync(c => c.Id);
        var replies = await db.Set<Reply>().AsNoTracking().Where(r => replyIds.Contains(r.Id))
            .Select(r => new { r.Id, r.BodyMarkdown }).ToDictionaryAsync(r => r.Id, r => r.BodyMarkdown);
        var names = await db.Users.AsNoTracking().Where(m => authorIds.Contains(m.Id))
            .Select(m => new { m.Id, m.DisplayName }).ToDictionaryAsync(m => m.Id, m => m.DisplayName);
        return edits.Where(e => cases.ContainsKey(e.CaseId)).Select(e =>
        {
            var c = cases[e.CaseId];
            var published = e.ReplyId is { } replyId ? replies.GetValueOrDefault(replyId) ?? ""
                : e.IsFollowUp ? ""
                : TextDiff.Document(c.Title, c.Summary, c.Body, c.Outcome, c.OpenQuestion);
            var underPseudonym = c.Pseudonym is not null && c.AuthorId == e.AuthorId;
            return new PendingEditItem(e.Id, e.CaseId, e.ReplyId, e.FollowUpStatus, c.Title, e.CreatedUtc,
                underPseudonym ? null : names.GetValueOrDefault(e.AuthorId), underPseudonym ? c.Pseudonym : null,
                TextDiff.Lines(published, e.Document));
        }).ToList();
    }

    /// <summary>Publishes the edit as a new revision of the case or reply, logged, in one save.</summary>
    public async Task<ModerationOutcome> ApproveAsync(int editId, ModerationActor actor, string? privateNote)
    {
        var edit = await db.Set<PendingEdit>().Include(e => e.Mentions).SingleOrDefaultAsync(e => e.Id == editId);
        if (edit is null) return ModerationOutcome.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        ModerationTarget target;
        FollowUp? followUp = null;
        if (edit.ReplyId is { } replyId)
        {
            var reply = await db.Set<Reply>().SingleAsync(r => r.Id == replyId);
            if (reply.Status == ReplyStatus.Deleted) return ModerationOutcome.NotApplicable;
            // Its @mentions link only the members recorded when it was proposed: a rename since rewrote the text to their
            // new name, an erasure left it unlinked, and whoever took an old name is not them. (An edit proposed before
            // edits recorded their mentions links none: "none recorded" cannot tell it from a mention of someone erased.)
            var scope = new Notifications.MentionScope(edit.Mentions.Select(m => m.MemberId).ToHashSet(), null);
            var text = await mentions.FollowAsync(edit.BodyMarkdown, scope, new Dictionary<string, string?>());
            db.Add(edit.ApplyTo(reply, _ => renderer.Render(text.Linked), now));
            await db.RecordMentionsAsync(reply, text.MemberIds, CancellationToken.None);
            target = ModerationTarget.ForReply(reply);
        }
        else
        {
            var @case = await db.Set<Case>().Include(c => c.Tags).SingleAsync(c => c.Id == edit.CaseId);
            if (@case.Status is CaseStatus.Deleted or CaseStatus.Rejected) return ModerationOutcome.NotApplicable;
            if (edit.IsFollowUp) db.Add(followUp = edit.AddTo(@case, renderer.Render, now));
            else db.Add(edit.ApplyTo(@case, renderer.Render, now));
            target = ModerationTarget.ForCase(@case);
        }
        db.Remove(edit);
        db.Add(ModerationLogEntry.Record(actor, ModerationAction.ApproveEdit, target, null, privateNote, now));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ModerationOutcome.Stale;
        }
        if (followUp is not null) await notifications.FollowUpPublishedAsync(followUp.CaseId, followUp.Id);
        return ModerationOutcome.Done;
    }

    /// <summary>Discards the edit (the published version stays), logs it and queues the rejection mail, in one save.</summary>
    public async Task<ModerationOutcome> RejectAsync(int editId, ModerationActor actor, RejectReason reason, string publicReason, string? text)
    {
        var edit = await db.Set<PendingEdit>().SingleOrDefaultAsync(e => e.Id == editId);
        if (edit is null) return ModerationOutcome.NotFound;
        var title = await db.Set<Case>().Where(c => c.Id == edit.CaseId).Select(c => c.Title).SingleAsync();
        var kind = edit.ReplyId is null ? TargetKind.Case : TargetKind.Reply;
        db.Remove(edit);
        db.Add(ModerationLogEntry.Record(actor, ModerationAction.RejectEdit, new ModerationTarget(kind, edit.CaseId, edit.ReplyId, edit.AuthorId),
            publicReason, text, clock.GetUtcNow().UtcDateTime));
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        await rejectionMail.QueueEditAsync(edit.AuthorId, title, kind, edit.ReplyId ?? edit.CaseId, edit.Id, reason, text, edit.IsFollowUp);
        await transaction.CommitAsync();
        return ModerationOutcome.Done;
    }
}
