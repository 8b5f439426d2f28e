namespace RisingGoal.Community.Features.Moderation;

/// <summary>The pure trust rules, so they can be tested without a database.</summary>
public static class TrustRules
{
    public static bool IsTrusted(bool isStaff, int approvedPosts, ModerationOptions options) =>
        isStaff || approvedPosts >= options.TrustAfterApproved;

    /// <summary>A case waits for review while the member has fewer approved cases than <c>HoldFirstCases</c>.</summary>
    public static bool HoldCase(bool isStaff, int approvedCases, int approvedReplies, ModerationOptions options) =>
        !IsTrusted(isStaff, approvedCases + approvedReplies, options) && approvedCases < options.HoldFirstCases;

    public static bool HoldReply(bool isStaff, int approvedCases, int approvedReplies, ModerationOptions options) =>
        !IsTrusted(isStaff, approvedCases + approvedReplies, options) && approvedReplies < options.HoldFirstReplies;

    /// <summary>An item is hidden pending review once this many distinct members flagged it.</summary>
    public static bool HideAfterFlags(int distinctOpenFlaggers, ModerationOptions options) =>
        options.HideAfterFlags > 0 && distinctOpenFlaggers >= options.HideAfterFlags;
}
