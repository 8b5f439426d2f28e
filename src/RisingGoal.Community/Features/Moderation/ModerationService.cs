using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Applies one moderator action to a case or reply and logs it, in one save. The caller passes the Version the form
/// was rendered with: when the item changed since (another moderator, the author), nothing changes and the outcome
/// is <see cref="ModerationOutcome.Stale"/>. The same token guards the race between loading and saving.
/// </summary>
public sealed class ModerationService(CommunityDbContext db, Reactions reactions, TimeProvider clock, Notifications.NotificationCenter notifications)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(ModerationOutcome Outcome, Case? Case)> OnCaseAsync(int id, int version, ModerationActor actor,
        ModerationAction action, Func<Case, bool> apply, string? publicReason = null, string? privateNote = null)
    {
        var @case = await db.Set<Case>().Include(c => c.Tags).SingleOrDefaultAsync(c => c.Id == id);
        if (@case is null) return (ModerationOutcome.NotFound, null);
        if (@case.Version != version) return (ModerationOutcome.Stale, @case);
        if (!apply(@case)) return (ModerationOutcome.NotApplicable, @case);
        await ResolveFlagsIfSettledAsync(action, TargetKind.Case, id);
        db.Add(ModerationLogEntry.Record(actor, action, ModerationTarget.ForCase(@case), publicReason, privateNote, Now));
        var outcome = await SaveAsync();
        if (outcome == ModerationOutcome.Done && @case.AuthorId != actor.MemberId)   // the author is told in the site
            await notifications.ModeratedAsync(action, TargetKind.Case, id, 0, @case.AuthorId);
        return (outcome, @case);
    }

    public async Task<(ModerationOutcome Outcome, Reply? Reply)> OnReplyAsync(int id, int version, ModerationActor actor,
        ModerationAction action, Func<Reply, bool> apply, string? publicReason = null, string? privateNote = null)
    {
        var reply = await db.Set<Reply>().SingleOrDefaultAsync(r => r.Id == id);
        if (reply is null) return (ModerationOutcome.NotFound, null);
        if (reply.Version != version) return (ModerationOutcome.Stale, reply);
        var seenBefore = Reply.SeenByReaders(reply.Status);
        if (!apply(reply)) return (ModerationOutcome.NotApplicable, reply);
        await ResolveFlagsIfSettledAsync(action, TargetKind.Reply, id);
        db.Add(ModerationLogEntry.Record(actor, action, ModerationTarget.ForReply(reply), publicReason, privateNote, Now));
        var outcome = await SaveAsync();
        // Approving, hiding, unhiding or rejecting changes which replies are published: the case's counter follows. Refusing
        // a held reply changes nothing readers see: dropping the case's cached pages would tell them it happened.
        if (outcome == ModerationOutcome.Done && (seenBefore || Reply.SeenByReaders(reply.Status)))
            await reactions.RefreshRepliesAsync(reply.CaseId, added: action == ModerationAction.Approve, CancellationToken.None);
        if (outcome == ModerationOutcome.Done && reply.AuthorId != actor.MemberId)
            await notifications.ModeratedAsync(action, TargetKind.Reply, reply.CaseId, id, reply.AuthorId);
        return (outcome, reply);
    }

    /// <summary>Approving, rejecting, hiding or dismissing settles the open flags on the item.</summary>
    private async Task ResolveFlagsIfSettledAsync(ModerationAction action, TargetKind kind, int id)
    {
        if (action is not (ModerationAction.Approve or ModerationAction.Reject or ModerationAction.Hide or ModerationAction.Unhide
            or ModerationAction.DismissFlags or ModerationAction.Redact)) return;
        var open = await db.Set<Flag>().Where(f => f.TargetKind == kind && f.TargetId == id && f.ResolvedUtc == null).ToListAsync();
        foreach (var flag in open) flag.Resolve(Now);
    }

    private async Task<ModerationOutcome> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return ModerationOutcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ModerationOutcome.Stale;
        }
    }
}
