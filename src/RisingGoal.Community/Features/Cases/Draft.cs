using System.Text.Json;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// A case being written, saved on the server so it survives a sign-out, an expired session and another device.
/// Private to its author: no public surface reads this table (lists, search, feeds, profiles and the queue read Cases).
/// The id is chosen when the composer opens, so saving the same draft again (autosave, the button, a retry) updates
/// one row instead of adding copies.
/// </summary>
public sealed class Draft
{
    private Draft() { }

    public Guid Id { get; private set; }
    public string MemberId { get; private set; } = "";

    /// <summary>The title as typed, for the list of drafts (may be empty).</summary>
    public string Title { get; private set; } = "";

    /// <summary>Every field of the composer as JSON (<see cref="DraftContent"/>).</summary>
    public string Content { get; private set; } = "{}";

    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }

    /// <summary>The rejected case this draft was returned from, and the moderator's reason shown above the composer.</summary>
    public int? RejectedCaseId { get; private set; }
    public string? ModeratorReason { get; private set; }

    public static Draft Start(Guid id, string memberId, DateTime nowUtc) =>
        new() { Id = id, MemberId = memberId, CreatedUtc = nowUtc, UpdatedUtc = nowUtc };

    /// <summary>A rejected case comes back to its author as a draft they can edit and submit again.</summary>
    public static Draft ReturnedFrom(Case @case, CaseInput input, string reason, DateTime nowUtc)
    {
        var draft = Start(Guid.NewGuid(), @case.AuthorId!, nowUtc);
        draft.RejectedCaseId = @case.Id;
        draft.ModeratorReason = reason.Length > CaseLimits.ReasonMax * 2 ? reason[..(CaseLimits.ReasonMax * 2)] : reason;
        draft.Write(input, nowUtc);
        return draft;
    }

    public void Write(CaseInput input, DateTime nowUtc)
    {
        var title = (input.Title ?? "").Trim();
        Title = title.Length > CaseLimits.TitleMax ? title[..CaseLimits.TitleMax] : title;
        Content = JsonSerializer.Serialize(DraftContent.From(input));
        UpdatedUtc = nowUtc;
    }

    public CaseInput Read() => (JsonSerializer.Deserialize<DraftContent>(Content) ?? new DraftContent()).ToInput(Id);
}

/// <summary>What a draft keeps of the composer: every field a member types or ticks.</summary>
public sealed record DraftContent
{
    public string? Title { get; init; }
    public string? Summary { get; init; }
    public CaseSections Sections { get; init; } = new();
    public string? Outcome { get; init; }
    public string? OpenQuestion { get; init; }
    public SizeBand? SizeBand { get; init; }
    public Sector? Sector { get; init; }
    public Stage? Stage { get; init; }
    public string? Region { get; init; }
    public int? OkrCyclesRun { get; init; }
    public AuthorRole? AuthorRole { get; init; }
    public List<int> DriftTagIds { get; init; } = [];
    public List<int> TensionTagIds { get; init; } = [];
    public List<int> SymptomTagIds { get; init; } = [];
    public List<int> SafeguardTagIds { get; init; } = [];
    public string? Pseudonym { get; init; }
    public CaseVisibility Visibility { get; init; }
    public DateOnly? MembersOnlyUntil { get; init; }
    /// <summary>The "names removed" tick: a draft reopened (or returned by a moderator) keeps what its author ticked.</summary>
    public bool NamesRemoved { get; init; }

    public static DraftContent From(CaseInput i) => new()
    {
        Title = i.Title, Summary = i.Summary, Sections = i.Sections, Outcome = i.Outcome, OpenQuestion = i.OpenQuestion,
        SizeBand = i.SizeBand, Sector = i.Sector, Stage = i.Stage, Region = i.Region, OkrCyclesRun = i.OkrCyclesRun, AuthorRole = i.AuthorRole,
        DriftTagIds = i.DriftTagIds, TensionTagIds = i.TensionTagIds, SymptomTagIds = i.SymptomTagIds, SafeguardTagIds = i.SafeguardTagIds,
        Pseudonym = i.Pseudonym, Visibility = i.Visibility, MembersOnlyUntil = i.MembersOnlyUntil, NamesRemoved = i.NamesRemoved,
    };

    public CaseInput ToInput(Guid draftId) => new()
    {
        DraftId = draftId, Title = Title ?? "", Summary = Summary ?? "", Sections = Sections, Outcome = Outcome, OpenQuestion = OpenQuestion,
        SizeBand = SizeBand, Sector = Sector, Stage = Stage, Region = Region, OkrCyclesRun = OkrCyclesRun, AuthorRole = AuthorRole,
        DriftTagIds = DriftTagIds, TensionTagIds = TensionTagIds, SymptomTagIds = SymptomTagIds, SafeguardTagIds = SafeguardTagIds,
        Pseudonym = Pseudonym, Visibility = Visibility, MembersOnlyUntil = MembersOnlyUntil, NamesRemoved = NamesRemoved,
    };
}
