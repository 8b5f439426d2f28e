namespace RisingGoal.Community.Features.Moderation;

/// <summary>Section <c>Moderation</c> of the configuration.</summary>
public sealed class ModerationOptions
{
    public int HoldFirstCases { get; set; } = 1;
    public int HoldFirstReplies { get; set; } = 2;
    public int TrustAfterApproved { get; set; } = 3;
    public int UntrustedMaxLinks { get; set; } = 2;
    public int HideAfterFlags { get; set; } = 3;
}
