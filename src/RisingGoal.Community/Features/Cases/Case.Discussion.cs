using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What happens around a case once published: replies, resonance, follow-ups, author erasure.</summary>
public sealed partial class Case
{
    public bool AcceptsReplies => Status == CaseStatus.Published && !IsLocked;

    /// <summary>
    /// Returns null when the case does not accept replies (locked, deleted, hidden). The case row itself is not
    /// touched, so parallel replies never conflict: ReplyCount and LastActivityUtc are recomputed atomically
    /// afterwards (<see cref="Reactions.RefreshRepliesAsync"/>).
    /// </summary>
    public Reply? AddReply(string authorId, string bodyMarkdown, RenderedMarkdown body, DateTime nowUtc) =>
        AcceptsReplies ? Reply.Write(Id, authorId, bodyMarkdown, body, nowUtc) : null;

    /// <summary>"This resonates with me": once per member, whatever the number of clicks. Returns true when added.</summary>
    public bool Resonate(string memberId, DateTime nowUtc)
    {
        if (_resonances.Any(r => r.MemberId == memberId)) return false;
        _resonances.Add(new Resonance(Id, memberId, nowUtc));
        return true;
    }

    public bool WithdrawResonance(string memberId) => _resonances.RemoveAll(r => r.MemberId == memberId) > 0;

    /// <summary>The counter is recomputed from the rows (by the caller, atomically) — this keeps the in-memory copy in step.</summary>
    public void SetResonanceCount(int count) => ResonanceCount = count;

    public FollowUp AddFollowUp(string authorId, FollowUpStatus status, string bodyMarkdown, RenderedMarkdown body, DateTime nowUtc)
    {
        LatestFollowUpStatus = status;
        LastActivityUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Version++;
        return FollowUp.Write(Id, authorId, status, bodyMarkdown, body, nowUtc);
    }

    /// <summary>A follow-up written in a demo file (no account behind it).</summary>
    public FollowUp AddDemoFollowUp(FollowUpStatus status, string bodyMarkdown, RenderedMarkdown body, DateTime dateUtc)
    {
        LatestFollowUpStatus = status;
        LastActivityUtc = dateUtc > LastActivityUtc ? dateUtc : LastActivityUtc;
        Version++;
        return FollowUp.Write(Id, null, status, bodyMarkdown, body, dateUtc);
    }

    public bool IsAuthor(string? memberId) => memberId is not null && AuthorId == memberId;
}
