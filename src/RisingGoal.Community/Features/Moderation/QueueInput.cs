using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>The hidden fields every queue form carries, plus the fields of the reject and re-tag forms.</summary>
public sealed class QueueInput
{
    public TargetKind Kind { get; set; }
    public int Id { get; set; }
    /// <summary>The item's Version when the page was rendered (optimistic concurrency).</summary>
    public int Version { get; set; }
    public RejectReason? Reason { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    public string? PrivateNote { get; set; }
    public List<int> TagIds { get; set; } = [];
    /// <summary>Where to go back after the action (a local URL, e.g. the case page's moderator tools); else the queue.</summary>
    public string? ReturnUrl { get; set; }
    /// <summary>Why a moderator needs the identity behind a pseudonym (required, private, logged).</summary>
    [StringLength(ModerationLogEntry.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? RevealReason { get; set; }
}
