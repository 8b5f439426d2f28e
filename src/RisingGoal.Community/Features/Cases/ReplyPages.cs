namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// How a long discussion is cut into pages of <see cref="PerPage"/> replies. Only the replies every reader sees count
/// (published ones, and removed ones: they stay in place as "removed"); a reply awaiting review, shown to its author and
/// staff alone, sits on the page of the reply before it and moves nothing. So a reply's page, and its permalink, are
/// the same for a visitor, a member, its author and a moderator.
/// </summary>
public static class ReplyPages
{
    public const int PerPage = 50;

    /// <summary>How many pages <paramref name="counted"/> replies fill (at least one, even empty).</summary>
    public static int Count(int counted) => Math.Max(1, (counted + PerPage - 1) / PerPage);

    /// <summary>The page of a reply with <paramref name="countedBefore"/> counted replies before it, out of <paramref name="counted"/>.</summary>
    public static int Of(int countedBefore, int counted) => Math.Min(countedBefore / PerPage + 1, Count(counted));

    /// <summary>
    /// Whether a reply counts for paging: every reader sees it in place. A reply awaiting review (its author's and staff's)
    /// or refused (staff's placeholder) does not, so page breaks and permalinks are the same for everyone, staff included.
    /// </summary>
    public static bool Counts(CaseReplyRow reply) => !reply.AwaitingReview && !reply.Refused;

    /// <summary>How many pages this discussion has.</summary>
    public static int Count(IReadOnlyList<CaseReplyRow> replies) => Count(replies.Count(Counts));

    /// <summary>The page <paramref name="replyId"/> is on, or null when the reader does not see it.</summary>
    public static int? Of(IReadOnlyList<CaseReplyRow> replies, int replyId)
    {
        var counted = replies.Count(Counts);
        var before = 0;
        foreach (var reply in replies)
        {
            if (reply.Id == replyId) return Of(before, counted);
            if (Counts(reply)) before++;
        }
        return null;
    }

    /// <summary>Where a reply is: its page of the discussion at its anchor, or the discussion when the reader does not see it.</summary>
    public static string PathOf(CaseView discussion, int replyId) => Of(discussion.Replies, replyId) is { } number
        ? $"{CaseUrls.Read(discussion.Id, discussion.Slug, number)}#{CaseUrls.ReplyAnchor(replyId)}"
        : $"{CaseUrls.Read(discussion.Id, discussion.Slug)}#replies-title";

    /// <summary>The replies on page <paramref name="page"/>, in order.</summary>
    public static IReadOnlyList<CaseReplyRow> On(IReadOnlyList<CaseReplyRow> replies, int page)
    {
        var counted = replies.Count(Counts);
        if (Count(counted) == 1) return replies;
        var shown = new List<CaseReplyRow>(PerPage + 4);
        var before = 0;
        foreach (var reply in replies)
        {
            var at = Of(before, counted);
            if (at == page) shown.Add(reply);
            else if (at > page) break;
            if (Counts(reply)) before++;
        }
        return shown;
    }
}
