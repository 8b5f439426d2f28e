namespace RisingGoal.Community.Features.Cases;

/// <summary>"This helped me": the case's author marks the replies of others that helped them (issue 17, item 6).</summary>
public sealed partial class Reply
{
    /// <summary>When the case's author marked this reply as having helped them; null when not marked.</summary>
    public DateTime? MarkedHelpfulUtc { get; private set; }

    public bool IsMarkedHelpful => MarkedHelpfulUtc is not null;

    /// <summary>Sets or clears the mark; returns false when it already was in that state. Only a published reply takes a new mark.</summary>
    public bool MarkHelpful(bool on, DateTime nowUtc)
    {
        if (on == IsMarkedHelpful || (on && Status != ReplyStatus.Published)) return false;
        MarkedHelpfulUtc = on ? nowUtc : null;
        Version++;
        return true;
    }
}
