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
/// Removes identifying text from a case or reply and from every earlier revision of it: find → replace rewrites the
/// revisions; a hand-edited body purges them (the removed text is unknown). The log records counts, never content.
/// </summary>
public sealed class Redactor(CommunityDbContext db, MarkdownRenderer renderer, TimeProvider clock, IEnumerable<IRedactionListener> listeners)
{
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
            @case.Redact(redaction.Find!, redaction.Replacement, renderer.Render, now);
            foreach (var revision in revisions) revision.Redact(redaction.Find!, redaction.Replacement);
            await RedactPendingEditsAsync(e => e.CaseId == id && e.ReplyId == null, redaction);
            var oldSlugPart = Slugs.From(redaction.Find!);
            db.RemoveRange(await db.Set<CaseSlug>().Where(s => s.CaseId == id && s.Slug.Contains(oldSlugPart)).ToListAsync());
        }
        else
        {
            @case.ReplaceBody(redaction.NewMarkdown ?? "", renderer.Render, now);
            db.RemoveRange(revisions);
        }
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
            reply.Redact(redaction.Find!, redaction.Replacement, renderer.Render, now);
            foreach (var revision in revisions) revision.Redact(redaction.Find!, redaction.Replacement);
            await RedactPendingEditsAsync(e => e.ReplyId == id, redaction);
        }
        else
        {
            reply.ReplaceBody(redaction.NewMarkdown ?? "", renderer.Render, now);
            db.RemoveRange(revisions);
        }
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

    private async Task RedactPendingEditsAsync(System.Linq.Expressions.Expression<Func<PendingEdit, bool>> which, Redaction redaction)
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
