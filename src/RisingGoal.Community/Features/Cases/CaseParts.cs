namespace RisingGoal.Community.Features.Cases;

/// <summary>A taxonomy tag (drift type, tension, symptom or safeguard) on a case.</summary>
public sealed class CaseTag(int caseId, int tagId)
{
    public int CaseId { get; private set; } = caseId;
    public int TagId { get; private set; } = tagId;
}

/// <summary>The text of a case before one edit: who changed it, when, and what it said.</summary>
public sealed partial class CaseRevision
{
    private CaseRevision() { }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string? EditorId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string BodyMarkdown { get; private set; } = "";
    public string? Outcome { get; private set; }
    public string? OpenQuestion { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>
    /// Written by the case's author in their own pseudonymous discussion, whose account was erased since (set by
    /// <see cref="CasePersonalData"/>): the author id is gone, so this is what keeps the edit under the pseudonym
    /// (<see cref="Bylines"/>). False while the account exists: the ids tell.
    /// </summary>
    public bool KeepsPseudonym { get; private set; }

    internal static CaseRevision Of(Case @case, string editorId, string? reason, DateTime nowUtc) => new()
    {
        CaseId = @case.Id,
        EditorId = editorId,
        CreatedUtc = nowUtc,
        Title = @case.Title,
        Summary = @case.Summary,
        BodyMarkdown = @case.BodyMarkdown,
        Outcome = @case.Outcome,
        OpenQuestion = @case.OpenQuestion,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
    };
}

/// <summary>"This resonates with me": one row per member and case.</summary>
public sealed class Resonance(int caseId, string memberId, DateTime createdUtc)
{
    public int CaseId { get; private set; } = caseId;
    public string MemberId { get; private set; } = memberId;
    public DateTime CreatedUtc { get; private set; } = createdUtc;
}

/// <summary>A case the member saved to read again.</summary>
public sealed class Bookmark(int caseId, string memberId, DateTime createdUtc)
{
    public int CaseId { get; private set; } = caseId;
    public string MemberId { get; private set; } = memberId;
    public DateTime CreatedUtc { get; private set; } = createdUtc;
}

/// <summary>A member following a case (notified of replies and follow-ups, later).</summary>
public sealed class CaseFollow(int caseId, string memberId, DateTime createdUtc)
{
    public int CaseId { get; private set; } = caseId;
    public string MemberId { get; private set; } = memberId;
    public DateTime CreatedUtc { get; private set; } = createdUtc;
}
