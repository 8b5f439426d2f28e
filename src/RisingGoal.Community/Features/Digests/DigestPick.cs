namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// The moderators' pick: one case put first in the digests of the members following a tension, for one weekly period
/// (<see cref="PeriodStartUtc"/> is the start of that week's digest period).
/// </summary>
public sealed class DigestPick
{
    private DigestPick() { }

    public int Id { get; private set; }
    public int TagId { get; private set; }
    public DateTime PeriodStartUtc { get; private set; }
    public int CaseId { get; private set; }
    public string ChosenBy { get; private set; } = "";
    public DateTime ChosenUtc { get; private set; }

    public static DigestPick Choose(int tagId, DateTime periodStartUtc, int caseId, string chosenBy, DateTime utcNow) => new()
    {
        TagId = tagId,
        PeriodStartUtc = periodStartUtc,
        CaseId = caseId,
        ChosenBy = chosenBy,
        ChosenUtc = utcNow,
    };

    /// <summary>A moderator changes their mind within the period.</summary>
    public void Replace(int caseId, string chosenBy, DateTime utcNow)
    {
        CaseId = caseId;
        ChosenBy = chosenBy;
        ChosenUtc = utcNow;
    }
}
