using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Localised labels for the moderation enums (keys are the English text).</summary>
public static class ModerationLabels
{
    public static string Reject(RejectReason reason, IStringLocalizer l) => reason switch
    {
        RejectReason.IdentifiesSomeone => l["It identifies a person or an organisation"],
        RejectReason.ConfidentialFigures => l["It discloses confidential figures"],
        RejectReason.NotACase => l["It is not a case of false alignment"],
        RejectReason.Spam => l["Spam or advertising"],
        RejectReason.Abusive => l["Abusive or disrespectful"],
        _ => l["Other reason"],
    };

    /// <summary>A named member's history for moderators, each count in the reader's plural ("0 publication refusée").</summary>
    public static string History(AuthorHistory history, IStringLocalizer l) => l["{0}, {1}, member since {2}",
        l.Plural(history.Approved, "{0} post approved", "{0} posts approved"), l.Plural(history.Rejected, "{0} post rejected", "{0} posts rejected"),
        Dates.Long(history.MemberSinceUtc)];

    public static string Flag(FlagReason reason, IStringLocalizer l) => reason switch
    {
        FlagReason.IdentifiesSomeone => l["Identifies a person or an organisation"],
        FlagReason.ConfidentialFigures => l["Confidential figures"],
        FlagReason.DefamationRisk => l["Defamation risk"],
        FlagReason.Spam => l["Spam"],
        FlagReason.OffTopic => l["Off-topic"],
        FlagReason.Abusive => l["Abusive"],
        _ => l["Other (please explain)"],
    };

    public static string Action(ModerationAction action, IStringLocalizer l) => action switch
    {
        ModerationAction.Approve => l["approved"],
        ModerationAction.Reject => l["rejected"],
        ModerationAction.Hide => l["hid"],
        ModerationAction.Unhide => l["restored"],
        ModerationAction.Lock => l["locked"],
        ModerationAction.Unlock => l["unlocked"],
        ModerationAction.Feature => l["featured"],
        ModerationAction.Unfeature => l["unfeatured"],
        ModerationAction.Retag => l["changed the tags of"],
        ModerationAction.Redact => l["redacted"],
        ModerationAction.PurgeRevisions => l["rewrote the earlier versions of"],
        ModerationAction.DismissFlags => l["dismissed the flags on"],
        ModerationAction.AutoHide => l["hid after several flags"],
        ModerationAction.Suspend => l["suspended"],
        ModerationAction.LiftSuspension => l["lifted the suspension of"],
        ModerationAction.GrantModerator => l["made a moderator:"],
        ModerationAction.RevokeModerator => l["removed the moderator role from"],
        ModerationAction.RevealIdentity => l["identity revealed to a moderator:"],
        ModerationAction.AnswerTakedown => l["answered a takedown request on"],
        ModerationAction.PickForDigest => l["picked for the digest:"],
        ModerationAction.ApproveEdit => l["approved an edit of"],
        ModerationAction.RejectEdit => l["rejected an edit of"],
        ModerationAction.MessageAuthor => l["wrote privately to the author of a post"],
        ModerationAction.ReplacePseudonym => l["replaced the pseudonym of"],
        _ => action.ToString(),
    };
}
