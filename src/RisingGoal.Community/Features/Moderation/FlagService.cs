using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>A flaggable item: the case it is on, that case's title, and the item's own author.</summary>
public sealed record FlagTarget(int CaseId, string Title, string? AuthorId);

public enum FlagOutcome { Flagged = 1, AlreadyFlagged = 2, NotFound = 3, FlaggedAndHidden = 4, OwnPost = 5 }

/// <summary>
/// A member flags someone else's published case or reply once; enough distinct trusted flaggers hide it pending
/// review (flags from members who are not trusted yet still reach the queue, but never hide anything on their own).
/// </summary>
public sealed class FlagService(CommunityDbContext db, TimeProvider clock, IOptions<ModerationOptions> options, Reactions reactions,
    TrustPolicy trust, IDatabaseDialect dialect, Notifications.NotificationCenter notifications)
{
    /// <summary>The case a target belongs to, when it can be flagged (published), else null.</summary>
    public async Task<FlagTarget?> FindTargetAsync(TargetKind kind, int id) => kind switch
    {
        TargetKind.Case => await db.Set<Case>().AsNoTracking().Where(c => c.Id == id && c.Status == CaseStatus.Published)
            .Select(c => new FlagTarget(c.Id, c.Title, c.AuthorId)).FirstOrDefaultAsync(),
        TargetKind.Reply => await (from r in db.Set<Reply>().AsNoTracking()
                                   join c in db.Set<Case>() on r.CaseId equals c.Id
                                   where r.Id == id && r.Status == ReplyStatus.Published && c.Status == CaseStatus.Published
                                   select new FlagTarget(c.Id, c.Title, r.AuthorId)).FirstOrDefaultAsync(),
        _ => null,
    };

    public Task<bool> HasFlaggedAsync(TargetKind kind, int id, string memberId) =>
        db.Set<Flag>().AnyAsync(f => f.TargetKind == kind && f.TargetId == id && f.MemberId == memberId);

    public async Task<FlagOutcome> FlagAsync(TargetKind kind, int id, string memberId, FlagReason reason, string? text)
    {
        var target = await FindTargetAsync(kind, id);
        if (target is null) return FlagOutcome.NotFound;
        if (target.AuthorId == memberId) return FlagOutcome.OwnPost;
        if (await HasFlaggedAsync(kind, id, memberId)) return FlagOutcome.AlreadyFlagged;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(Flag.Raise(kind, id, target.CaseId, memberId, reason, text, now));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (dialect.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return FlagOutcome.AlreadyFlagged;          // the unique index: a double submit raced the check (anything else propagates)
        }
        return await HideIfThresholdReachedAsync(kind, id, now) ? FlagOutcome.FlaggedAndHidden : FlagOutcome.Flagged;
    }

    private async Task<bool> HideIfThresholdReachedAsync(TargetKind kind, int id, DateTime now)
    {
        var flaggerIds = await db.Set<Flag>().Where(f => f.TargetKind == kind && f.TargetId == id && f.ResolvedUtc == null)
            .Select(f => f.MemberId).Distinct().ToListAsync();
        var flaggers = 0;
        foreach (var flaggerId in flaggerIds)
        {
            if (await trust.IsTrustedAsync(flaggerId)) flaggers++;
            if (TrustRules.HideAfterFlags(flaggers, options.Value)) break;
        }
        if (!TrustRules.HideAfterFlags(flaggers, options.Value)) return false;
        ModerationTarget target;
        int? hiddenReplyCase = null;
        if (kind == TargetKind.Case)
        {
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == id);
            if (!@case.Hide(now)) return false;
            target = ModerationTarget.ForCase(@case);
        }
        else
        {
            var reply = await db.Set<Reply>().SingleAsync(r => r.Id == id);
            if (!reply.Hide(now)) return false;
            target = ModerationTarget.ForReply(reply);
            hiddenReplyCase = reply.CaseId;
        }
        db.Add(ModerationLogEntry.Record(ModerationActor.System, ModerationAction.AutoHide, target, null, $"{flaggers} flags", now));
        try
        {
            await db.SaveChangesAsync();
            if (hiddenReplyCase is { } caseId) await reactions.RefreshRepliesAsync(caseId, added: false, CancellationToken.None);
            // The author alone learns it is hidden pending review; the notification names no flagger (it stores no actor).
            await notifications.ModeratedAsync(ModerationAction.AutoHide, kind, target.CaseId!.Value, target.ReplyId ?? 0, target.SubjectMemberId);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();           // a moderator acted at the same moment: their decision stands
            return false;
        }
    }
}
