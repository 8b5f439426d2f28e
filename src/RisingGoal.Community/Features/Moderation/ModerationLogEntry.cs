namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// One moderator action. <see cref="PublicReason"/> is shown on the public log; <see cref="PrivateNote"/> and
/// <see cref="SubjectMemberId"/> (the author acted upon) never are. No removed text is ever stored here.
/// </summary>
public sealed class ModerationLogEntry
{
    public const int ReasonMax = 500;

    /// <summary>
    /// <see cref="ModeratorName"/> of an action whose moderator deleted their account (the id is cleared then), so the
    /// public log says "a former moderator" and not "automatic". Only read where <see cref="ModeratorId"/> is null.
    /// </summary>
    public const string FormerModeratorName = "(former moderator)";

    private ModerationLogEntry() { }

    public long Id { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    /// <summary>Null for automatic actions (auto-hide after flags) and once the moderator's account is deleted.</summary>
    public string? ModeratorId { get; private set; }
    public string ModeratorName { get; private set; } = "";
    public ModerationAction Action { get; private set; }
    public TargetKind TargetKind { get; private set; }
    public int? CaseId { get; private set; }
    public int? ReplyId { get; private set; }
    /// <summary>The member acted upon (author of the post, suspended member): private, for history counts.</summary>
    public string? SubjectMemberId { get; private set; }
    public string? PublicReason { get; private set; }
    public string? PrivateNote { get; private set; }

    public static ModerationLogEntry Record(ModerationActor actor, ModerationAction action, ModerationTarget target,
        string? publicReason, string? privateNote, DateTime nowUtc) => new()
    {
        CreatedUtc = nowUtc,
        ModeratorId = actor.MemberId,
        ModeratorName = actor.DisplayName,
        Action = action,
        TargetKind = target.Kind,
        CaseId = target.CaseId,
        ReplyId = target.ReplyId,
        SubjectMemberId = target.SubjectMemberId,
        PublicReason = Trim(publicReason),
        PrivateNote = Trim(privateNote),
    };

    private static string? Trim(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > ReasonMax ? t[..ReasonMax] : text.Trim();
}

/// <summary>Who acted: a moderator, or the system (auto-hide).</summary>
public sealed record ModerationActor(string? MemberId, string DisplayName)
{
    public static readonly ModerationActor System = new(null, "");
}

/// <summary>What was acted upon.</summary>
public sealed record ModerationTarget(TargetKind Kind, int? CaseId, int? ReplyId, string? SubjectMemberId)
{
    public static ModerationTarget ForCase(Cases.Case c) => new(TargetKind.Case, c.Id, null, c.AuthorId);
    public static ModerationTarget ForReply(Cases.Reply r) => new(TargetKind.Reply, r.CaseId, r.Id, r.AuthorId);
    /// <summary>A follow-up: logged against its case (the log has no follow-up column; the kind tells it apart).</summary>
    public static ModerationTarget ForFollowUp(Cases.FollowUp f) => new(TargetKind.FollowUp, f.CaseId, null, f.AuthorId);
    public static ModerationTarget ForMember(string memberId) => new(TargetKind.Member, null, null, memberId);
}
