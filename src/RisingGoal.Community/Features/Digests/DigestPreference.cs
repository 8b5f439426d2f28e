namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// A member's mail settings and the state of their digest schedule. No row means: no digest (explicit opt-in),
/// reply notifications on, all tags.
/// </summary>
public sealed class DigestPreference
{
    private readonly List<DigestFollowedTag> _followedTags = [];

    private DigestPreference() { }

    public string MemberId { get; private set; } = "";
    public DigestFrequency Frequency { get; private set; }
    public bool ReplyNotifications { get; private set; } = true;

    /// <summary>Tags whose new cases go into the digest; none means all.</summary>
    public IReadOnlyList<DigestFollowedTag> FollowedTags => _followedTags;

    /// <summary>End of the last period a digest was planned for: the next digest shows what happened since.</summary>
    public DateTime? LastDigestPeriodEndUtc { get; private set; }
    public DateTime? NextDigestDueUtc { get; private set; }

    /// <summary>What the planner decided last time ("queued", "nothing new"), for the admin and for support.</summary>
    public string? LastOutcome { get; private set; }
    public DateTime? LastPlannedUtc { get; private set; }

    /// <summary>Set when permanent rejections passed the threshold: no digest or notification is sent until cleared.</summary>
    public DateTime? MailPausedUtc { get; private set; }
    public int BounceCount { get; private set; }

    public static DigestPreference For(string memberId) => new() { MemberId = memberId };

    /// <summary>Applies the settings form. <paramref name="nextDueUtc"/> is the next scheduled instant for the new frequency.</summary>
    public void Change(DigestFrequency frequency, IEnumerable<int> tagIds, bool replyNotifications, DateTime? nextDueUtc)
    {
        if (frequency != Frequency)
            NextDigestDueUtc = frequency == DigestFrequency.Never ? null : nextDueUtc;
        Frequency = frequency;
        ReplyNotifications = replyNotifications;
        var wanted = tagIds.Distinct().ToHashSet();
        _followedTags.RemoveAll(t => !wanted.Contains(t.TagId));
        foreach (var id in wanted.Where(id => _followedTags.All(t => t.TagId != id)))
            _followedTags.Add(new DigestFollowedTag(MemberId, id));
    }

    /// <summary>One-click unsubscribe from one list; idempotent.</summary>
    public void Unsubscribe(MailList list)
    {
        if (list == MailList.Digest)
        {
            Frequency = DigestFrequency.Never;
            NextDigestDueUtc = null;
        }
        else
        {
            ReplyNotifications = false;
        }
    }

    /// <summary>Counts a permanent rejection; returns true when this one paused the member's mail.</summary>
    public bool RecordBounce(int threshold, DateTime utcNow)
    {
        BounceCount++;
        if (MailPausedUtc is not null || BounceCount < threshold) return false;
        MailPausedUtc = utcNow;
        return true;
    }

    /// <summary>The member confirmed their address is fixed: mail resumes with a clean count.</summary>
    public void ResumeMail()
    {
        MailPausedUtc = null;
        BounceCount = 0;
    }
}
