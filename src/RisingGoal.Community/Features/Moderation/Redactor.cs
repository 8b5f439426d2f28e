using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>What to remove: a text and its replacement, or a whole new Markdown body written by the moderator.</summary>
public sealed record Redaction(string? Find, string Replacement, string? NewMarkdown)
{
    public bool IsFindReplace => !string.IsNullOrEmpty(Find);
}

/// <summary>
/// Removes identifying text from a case or reply and from every earlier revision of it and every edit awaiting review:
/// find → replace rewrites them; a hand-edited body purges the revisions (the removed text is unknown). The log records
/// counts, never content. The replies quoting the post are rewritten in the same save (<see cref="QuotedCopies"/>).
/// </summary>
public sealed class Redactor(CommunityDbContext db, MarkdownRenderer renderer, TimeProvider clock, IEnumerable<IRedactionListener> listeners)
{
    /// <summary>
    /// True when the text is still somewhere the current post does not show: an earlier revision (on the revisions page
    /// for the author and staff) or an edit awaiting review. An author who edited a name out leaves it there, so the
    /// moderator must be able to remove it although the current text no longer says it.
    /// </summary>
    public async Task<bool> EarlierVersionsCarryAsync(TargetKind kind, int id, string find) => kind switch
    {
        TargetKind.Case => (await db.Set<CaseRevision>().AsNoTracking().Where(r => r.CaseId == id).ToListAsync()).Any(r => r.Carries(find))
            || (await db.Set<PendingEdit>().AsNoTracking().Where(CaseEdits(id)).ToListAsync()).Any(e => e.Carries(find)),
        TargetKind.Reply => (await db.Set<ReplyRevision>().AsNoTracking().Where(r => r.ReplyId == id).ToListAsync()).Any(r => r.Carries(find))
            || (await db.Set<PendingEdit>().AsNoTracking().Where(ReplyEdits(id)).ToListAsync()).Any(e => e.Carries(find)),
        _ => false,
    };

    // The edits a redaction of the case reaches: of the case itself and the follow-ups waiting for review.
    private static Expression<Func<PendingEdit, bool>> CaseEdits(int caseId) => e => e.CaseId == caseId && e.ReplyId == null;
    private static Expression<Func<PendingEdit, bool>> ReplyEdits(int replyId) => e => e.ReplyId == replyId;

    public async Task<ModerationOutcome> RedactCaseAsync(int id, int version, ModerationActor actor, Redaction redaction,
        string? publicReason, string? privateNote)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = await db.Set<Case>().SingleOrDefaultAsync(c => c.Id == id);
        if (@case is null) return ModerationOutcome.NotFound;
        if (@case.Version != version) return ModerationOutcome.Stale;

        var revisions = await db.Set<CaseRevision>().Where(r => r.CaseId == id).ToListAsync();
        if (redaction.IsFindReplace)
        {
            // Only earlier versions may carry it: the published case (its date, its place in lists) is then left as it is.
            if (@case.Carries(redaction.Find!)) @case.Redact(redaction.Find!, redaction.Replacement, renderer.Render, now);
            foreach (var revision in revisions) revision.Redact(redaction.Find!, redaction.Replacement);
            await RedactPendingEditsAsync(CaseEdits(id), redaction);
        }
        else
        {
            @case.ReplaceBody(redaction.NewMarkdown ?? "", renderer.Render, now);
            db.RemoveRange(revisions);
        }
        var quotations = QuotedCopies.OfCase(id);
        var (rewrite, reslug) = (CopiesRewrite(quotations, redaction), QuotedCopies.Reslugging(id, @case.Slug));
        await QuotedCopies.RewriteAsync(db, quotations, null, text => reslug(rewrite(text)), renderer.Render, now);
        Log(actor, ModerationTarget.ForCase(@case), revisions.Count, redaction, publicReason, privateNote, now);
        return await SaveAndNotifyAsync(TargetKind.Case, id, null);
    }

    public async Task<ModerationOutcome> RedactReplyAsync(int id, int version, ModerationActor actor, Redaction redaction,
        string? publicReason, string? privateNote)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var reply = await db.Set<Reply>().SingleOrDefaultAsync(r => r.Id == id);
        if (reply is null) return ModerationOutcome.NotFound;
        if (reply.Version != version) return ModerationOutcome.Stale;

        var revisions = await db.Set<ReplyRevision>().Where(r => r.ReplyId == id).ToListAsync();
        if (redaction.IsFindReplace)
        {
            if (reply.Carries(redaction.Find!)) reply.Redact(redaction.Find!, redaction.Replacement, renderer.Render, now);
            foreach (var revision in revisions) revision.Redact(redaction.Find!, redaction.Replacement);
            await RedactPendingEditsAsync(ReplyEdits(id), redaction);
        }
        else
        {
            reply.ReplaceBody(redaction.NewMarkdown ?? "", renderer.Render, now);
            db.RemoveRange(revisions);
        }
        var quotations = QuotedCopies.OfReply(reply.CaseId, id);
        await QuotedCopies.RewriteAsync(db, quotations, id, CopiesRewrite(quotations, redaction), renderer.Render, now);
        Log(actor, ModerationTarget.ForReply(reply), revisions.Count, redaction, publicReason, privateNote, now);
        return await SaveAndNotifyAsync(TargetKind.Reply, reply.CaseId, id);
    }

    /// <summary>Follow-ups keep no revisions: the body is rewritten in place.</summary>
    public async Task<ModerationOutcome> RedactFollowUpAsync(int id, ModerationActor actor, Redaction redaction,
        string? publicReason, string? privateNote)
    {
        var followUp = await db.Set<FollowUp>().SingleOrDefaultAsync(f => f.Id == id);
        if (followUp is null) return ModerationOutcome.NotFound;
        if (redaction.IsFindReplace) followUp.Redact(redaction.Find!, redaction.Replacement, renderer.Render);
        else followUp.ReplaceBody(redaction.NewMarkdown ?? "", renderer.Render);
        Log(actor, ModerationTarget.ForFollowUp(followUp), 0, redaction, publicReason, privateNote, clock.GetUtcNow().UtcDateTime);
        return await SaveAndNotifyAsync(TargetKind.FollowUp, followUp.CaseId, null);
    }

    /// <summary>
    /// Replaces the pseudonym of a case (already checked against <see cref="PseudonymRules"/>). Revisions and edits
    /// awaiting review hold no pseudonym, but quotations do (<see cref="QuotedCopies"/>); every other surface reads it from the case, and saving the case evicts the caches,
    /// re-indexes it and has queued mail rebuilt (<see cref="ShownTextChange"/>).
    /// </summary>
    public async Task<ModerationOutcome> ReplacePseudonymAsync(int caseId, int version, ModerationActor actor, string pseudonym,
        string? publicReason, string? privateNote)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var @case = await db.Set<Case>().SingleOrDefaultAsync(c => c.Id == caseId);
        if (@case is null) return ModerationOutcome.NotFound;
        if (@case.Version != version) return ModerationOutcome.Stale;
        var former = @case.Pseudonym;
        if (!@case.ReplacePseudonym(pseudonym, now)) return ModerationOutcome.NotApplicable;
        // Quotations of the case or of its author's replies are signed with the pseudonym: they take the new one.
        // One scan for the case and all those replies.
        var authorReplies = await db.Set<Reply>().Where(r => r.CaseId == caseId && r.AuthorId == @case.AuthorId).Select(r => r.Id).ToListAsync();
        var quotations = QuotedCopies.OfPosts(caseId, authorReplies.ToHashSet(), withCase: true);
        await QuotedCopies.RewriteAsync(db, quotations, null, QuotedCopies.Redacting(quotations, former!, pseudonym), renderer.Render, now);
        db.Add(ModerationLogEntry.Record(actor, ModerationAction.ReplacePseudonym, ModerationTarget.ForCase(@case), publicReason, privateNote, now));
        return await SaveAndNotifyAsync(TargetKind.Case, caseId, null);
    }

    /// <summary>What a redaction does to the replies quoting the post: the same find → replace, or, the removed text being unknown, an elision.</summary>
    private static Func<string, string> CopiesRewrite(QuotedCopies.Source quotations, Redaction redaction) => redaction.IsFindReplace
        ? QuotedCopies.Redacting(quotations, redaction.Find!, redaction.Replacement)
        : QuotedCopies.Eliding(quotations);

    private async Task RedactPendingEditsAsync(Expression<Func<PendingEdit, bool>> which, Redaction redaction)
    {
        foreach (var edit in await db.Set<PendingEdit>().Where(which).ToListAsync()) edit.Redact(redaction.Find!, redaction.Replacement);
    }

    private void Log(ModerationActor actor, ModerationTarget target, int revisions, Redaction redaction,
        string? publicReason, string? privateNote, DateTime now)
    {
        db.Add(ModerationLogEntry.Record(actor, ModerationAction.Redact, target, publicReason, privateNote, now));
        if (revisions == 0) return;
        var note = redaction.IsFindReplace ? $"{revisions} revision(s) rewritten" : $"{revisions} revision(s) purged";
        db.Add(ModerationLogEntry.Record(actor, ModerationAction.PurgeRevisions, target, null, note, now));
    }

    private async Task<ModerationOutcome> SaveAndNotifyAsync(TargetKind kind, int caseId, int? replyId)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ModerationOutcome.Stale;
        }
        foreach (var listener in listeners)
            await listener.OnRedactedAsync(kind, caseId, replyId, CancellationToken.None);
        return ModerationOutcome.Done;
    }
}
