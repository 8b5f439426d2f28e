namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// The discussion's "most helpful" view (<c>?sort=helpful</c>): the replies the case's author marked as having helped
/// them first, then the others; each group in the discussion's own order (oldest first). Replies carry no resonance of
/// their own, so the date settles the rest.
/// </summary>
public static class HelpfulOrder
{
    public const string Key = "helpful";

    public static IReadOnlyList<CaseReplyRow> Apply(IReadOnlyList<CaseReplyRow> replies) =>
        replies.Where(r => r.Helpful).Concat(replies.Where(r => !r.Helpful)).ToList();
}
