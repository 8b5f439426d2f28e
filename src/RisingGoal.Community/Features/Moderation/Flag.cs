namespace RisingGoal.Community.Features.Moderation;

/// <summary>A member's report on a case or reply: once per member and item; open until a moderator acts.</summary>
public sealed class Flag
{
    public const int TextMax = 500;

    private Flag() { }

    public int Id { get; private set; }
    public TargetKind TargetKind { get; private set; }
    public int TargetId { get; private set; }
    /// <summary>The case itself, or the case the reply belongs to.</summary>
    public int CaseId { get; private set; }
    public string MemberId { get; private set; } = "";
    public FlagReason Reason { get; private set; }
    public string? Text { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ResolvedUtc { get; private set; }

    public bool IsOpen => ResolvedUtc is null;

    public static Flag Raise(TargetKind kind, int targetId, int caseId, string memberId, FlagReason reason, string? text, DateTime nowUtc) => new()
    {
        TargetKind = kind,
        TargetId = targetId,
        CaseId = caseId,
        MemberId = memberId,
        Reason = reason,
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
        CreatedUtc = nowUtc,
    };

    public void Resolve(DateTime nowUtc) => ResolvedUtc ??= nowUtc;
}
