using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Notifications;

/// <summary>What happened, for the member told. The target (<see cref="Notification.TargetId"/>) depends on it.</summary>
public enum NotificationKind
{
    /// <summary>A reply in a discussion the member wrote or follows (target: the reply).</summary>
    Reply = 1,
    /// <summary>The member was named with @DisplayName in a reply (target: the reply).</summary>
    Mention = 2,
    /// <summary>A follow-up on a case the member resonated with (target: the follow-up).</summary>
    FollowUp = 3,
    /// <summary>The member's case held for review was published (target: 0).</summary>
    CaseApproved = 4,
    /// <summary>The member's reply held for review was published (target: the reply).</summary>
    ReplyApproved = 5,
    /// <summary>The member's case was not published (target: 0).</summary>
    CaseRejected = 6,
    /// <summary>The member's reply was not published (target: the reply).</summary>
    ReplyRejected = 7,
    /// <summary>A moderator hid the member's case (target: 0).</summary>
    CaseHidden = 8,
    /// <summary>A moderator hid the member's reply (target: the reply).</summary>
    ReplyHidden = 9,
    /// <summary>A moderator removed identifying text from the member's case (target: 0).</summary>
    CaseRedacted = 10,
    /// <summary>A moderator removed identifying text from the member's reply (target: the reply).</summary>
    ReplyRedacted = 11,
    /// <summary>A moderator locked the member's case: no more replies (target: 0).</summary>
    CaseLocked = 12,
    /// <summary>A moderator changed the tags of the member's case (target: 0).</summary>
    CaseRetagged = 13,
    /// <summary>The moderators wrote to the member about their post (target: the message thread).</summary>
    ModeratorMessage = 14,
    /// <summary>The case's author marked the member's reply "This helped me" (target: the reply). Shown while the mark stays.</summary>
    ReplyHelped = 15,
    /// <summary>Flags from trusted members hid the member's case until a moderator reviews it (target: 0).</summary>
    CaseAutoHidden = 16,
    /// <summary>Flags from trusted members hid the member's reply until a moderator reviews it (target: the reply).</summary>
    ReplyAutoHidden = 17,
}

/// <summary>
/// One event told to one member inside the site; e-mail is one delivery of it (<see cref="NotificationCenter"/>).
/// It stores ids only, never text: what the page shows is read at display time (current title, current byline through
/// <see cref="Bylines"/>), so a hidden or redacted post is never shown in its old form.
/// </summary>
public sealed class Notification
{
    private Notification() { }

    public int Id { get; private set; }
    public string RecipientId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public int CaseId { get; private set; }
    /// <summary>The reply or follow-up concerned; 0 for the case itself.</summary>
    public int TargetId { get; private set; }
    /// <summary>Who wrote the reply or follow-up (null for moderation decisions and after their account was deleted).</summary>
    public string? ActorId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ReadUtc { get; private set; }

    public static Notification Of(string recipientId, NotificationKind kind, int caseId, int targetId, string? actorId, DateTime nowUtc) => new()
    {
        RecipientId = recipientId, Kind = kind, CaseId = caseId, TargetId = targetId, ActorId = actorId, CreatedUtc = nowUtc,
    };

    public static bool IsAboutReply(NotificationKind kind) =>
        kind is NotificationKind.Reply or NotificationKind.Mention or NotificationKind.ReplyApproved or NotificationKind.ReplyRejected
            or NotificationKind.ReplyHidden or NotificationKind.ReplyRedacted or NotificationKind.ReplyHelped or NotificationKind.ReplyAutoHidden;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.RecipientId).IsRequired();
        builder.HasOne<Member>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        // One notification per member and event: a second call (a retried request, an approval after an edit) refreshes it.
        builder.HasIndex(n => new { n.RecipientId, n.Kind, n.CaseId, n.TargetId }).IsUnique();
        // The header count (unread first) and the page (newest first) read one member's rows by index.
        builder.HasIndex(n => new { n.RecipientId, n.ReadUtc });
        builder.HasIndex(n => new { n.RecipientId, n.CreatedUtc });
        builder.HasIndex(n => n.ActorId);
    }
}

/// <summary>
/// How far a member has read a discussion: one row per member and case they opened, written at most once per page
/// view and only when something new was shown. Lists compare <see cref="SeenReplyCount"/> with the case row's
/// ReplyCount (already in the row), so "3 new replies" costs no reply query.
/// </summary>
public sealed class DiscussionRead
{
    private DiscussionRead() { }

    public string MemberId { get; private set; } = "";
    public int CaseId { get; private set; }
    /// <summary>The newest reply shown to the member; the first unread one is the next after it.</summary>
    public int LastReadReplyId { get; private set; }
    public int SeenReplyCount { get; private set; }
    public DateTime ReadUtc { get; private set; }

    public static DiscussionRead Of(string memberId, int caseId, int lastReadReplyId, int seenReplyCount, DateTime nowUtc) => new()
    {
        MemberId = memberId, CaseId = caseId, LastReadReplyId = lastReadReplyId, SeenReplyCount = seenReplyCount, ReadUtc = nowUtc,
    };
}

internal sealed class DiscussionReadConfiguration : IEntityTypeConfiguration<DiscussionRead>
{
    public void Configure(EntityTypeBuilder<DiscussionRead> builder)
    {
        builder.ToTable("DiscussionReads");
        builder.HasKey(r => new { r.MemberId, r.CaseId });
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// When a member was last seen on a list, and where their previous visit ended: cases published after that are "new".
/// A visit is a run of page views less than <see cref="ReadTracking.VisitGap"/> apart; the row is written at most once
/// per <see cref="ReadTracking.SeenResolution"/>.
/// </summary>
public sealed class MemberVisit
{
    private MemberVisit() { }

    public string MemberId { get; private set; } = "";
    public DateTime LastSeenUtc { get; private set; }
    /// <summary>The end of the previous visit (null on the first one: nothing is "new" to a newcomer).</summary>
    public DateTime? PreviousVisitEndUtc { get; private set; }

    public static MemberVisit First(string memberId, DateTime nowUtc) => new() { MemberId = memberId, LastSeenUtc = nowUtc };
}

internal sealed class MemberVisitConfiguration : IEntityTypeConfiguration<MemberVisit>
{
    public void Configure(EntityTypeBuilder<MemberVisit> builder)
    {
        builder.ToTable("MemberVisits");
        builder.HasKey(v => v.MemberId);
        builder.HasOne<Member>().WithMany().HasForeignKey(v => v.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
