namespace RisingGoal.Community.Features.Moderation;

/// <summary>Section <c>Moderation</c> of the configuration.</summary>
public sealed class ModerationOptions
{
    public int HoldFirstCases { get; set; } = 1;
    public int HoldFirstReplies { get; set; } = 2;
    public int TrustAfterApproved { get; set; } = 3;
    public int UntrustedMaxLinks { get; set; } = 2;
    public int HideAfterFlags { get; set; } = 3;
    /// <summary>Moderators are e-mailed (once per item) when a queue item has waited longer than this.</summary>
    public int AlertAfterHours { get; set; } = 24;
    /// <summary>Runs the hourly queue-health worker.</summary>
    public bool AlertsEnabled { get; set; } = true;
}
