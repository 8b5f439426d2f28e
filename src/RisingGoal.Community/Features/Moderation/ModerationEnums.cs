namespace RisingGoal.Community.Features.Moderation;

public enum TargetKind { Case = 1, Reply = 2, Member = 3, FollowUp = 4 }

public enum FlagReason
{
    IdentifiesSomeone = 1,
    ConfidentialFigures = 2,
    DefamationRisk = 3,
    Spam = 4,
    OffTopic = 5,
    Abusive = 6,
    Other = 7,
}

public enum ModerationAction
{
    Approve = 1,
    Reject = 2,
    Hide = 3,
    Unhide = 4,
    Lock = 5,
    Unlock = 6,
    Feature = 7,
    Unfeature = 8,
    Retag = 9,
    Redact = 10,
    PurgeRevisions = 11,
    DismissFlags = 12,
    AutoHide = 13,
    Suspend = 14,
    LiftSuspension = 15,
    GrantModerator = 16,
    RevokeModerator = 17,
    /// <summary>A moderator saw the member behind a pseudonym (the reason is private, the identity never logged).</summary>
    RevealIdentity = 18,
    AnswerTakedown = 19,
    /// <summary>A moderator chose a case as a tension's pick for this week's digest (the tension is the public reason).</summary>
    PickForDigest = 30,
    /// <summary>A moderator published the edit of a member not trusted yet (a new revision).</summary>
    ApproveEdit = 40,
    /// <summary>A moderator discarded the edit of a member not trusted yet (the published version stays).</summary>
    RejectEdit = 41,
    /// <summary>A moderator wrote to the author of a post (Features/Messages). The public log shows neither the case, nor the text.</summary>
    MessageAuthor = 42,
    /// <summary>
    /// A moderator replaced a case's pseudonym that identified its author. Neither log records the old or new
    /// pseudonym: the public log shows the case as for a redaction.
    /// </summary>
    ReplacePseudonym = 43,
}

/// <summary>Reasons a moderator picks when rejecting; "Other" needs free text.</summary>
public enum RejectReason
{
    IdentifiesSomeone = 1,
    ConfidentialFigures = 2,
    NotACase = 3,
    Spam = 4,
    Abusive = 5,
    Other = 6,
}
