using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Section <c>Moderation</c> of the configuration (validated at start-up).</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>A new member's first cases wait in the queue (0: none).</summary>
    [Range(0, 100)] public int HoldFirstCases { get; set; } = 1;
    /// <summary>A new member's first replies wait in the queue (0: none).</summary>
    [Range(0, 100)] public int HoldFirstReplies { get; set; } = 2;
    /// <summary>Approved posts after which a member is trusted (0: everyone is).</summary>
    [Range(0, 1000)] public int TrustAfterApproved { get; set; } = 3;
    /// <summary>Links an untrusted member's post may hold.</summary>
    [Range(0, 100)] public int UntrustedMaxLinks { get; set; } = 2;
    /// <summary>Flags by distinct trusted members that hide an item pending review.</summary>
    [Range(1, 100)] public int HideAfterFlags { get; set; } = 3;
    /// <summary>Moderators are e-mailed (once per item) when a queue item has waited longer than this.</summary>
    [Range(1, 24 * 90)] public int AlertAfterHours { get; set; } = 24;
    /// <summary>Runs the hourly queue-health worker.</summary>
    public bool AlertsEnabled { get; set; } = true;
    /// <summary>
    /// Where a suspended member writes to the moderators (they have no session, so not through the site's messages):
    /// shown on the login refusal, the 403 page and the mail they get. Empty: no way is promised.
    /// </summary>
    [Infrastructure.Mail.MailAddress]
    public string? ContactEmail { get; set; }
}
