using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Cases;

/// <summary>Everything the case form posts (new and edit share it).</summary>
public sealed class CaseInput
{
    [Required(ErrorMessage = "Give the case a title.")]
    [StringLength(CaseLimits.TitleMax, MinimumLength = 8, ErrorMessage = "The title must be between {2} and {1} characters.")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Write a short summary.")]
    [StringLength(CaseLimits.SummaryMax, MinimumLength = 30, ErrorMessage = "The summary must be between {2} and {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Summary { get; set; } = "";

    /// <summary>The body as the composer edits it, one field per section.</summary>
    public CaseSections Sections
    {
        get => _body is not null ? CaseSections.Split(_body) : _sections ??= new();   // a whole body wins (see Body)
        set => _sections = value;
    }

    private CaseSections? _sections;
    private string? _body;

    /// <summary>
    /// The stored Markdown: the sections joined under their headings. A whole body set as such (an existing case, a
    /// pending edit, a client posting "Input.Body") wins over the section fields, whatever order they are bound in.
    /// </summary>
    [Required(ErrorMessage = "Tell the case.")]
    [StringLength(CaseLimits.BodyMax, MinimumLength = CaseLimits.BodyMin, ErrorMessage = "The case must be between {2} and {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Body
    {
        get => _body ?? Sections.Join();
        set
        {
            _body = value;
            _sections = null;
        }
    }

    [Required(ErrorMessage = "Choose the size of the organisation.")]
    public SizeBand? SizeBand { get; set; }

    [Required(ErrorMessage = "Choose a sector.")]
    public Sector? Sector { get; set; }

    [Required(ErrorMessage = "Choose the stage of the organisation.")]
    public Stage? Stage { get; set; }

    [StringLength(CaseLimits.RegionMax, ErrorMessage = "The region must be at most {1} characters.")]
    public string? Region { get; set; }

    [Display(Name = "OKR cycles run")]
    [Range(0, 99, ErrorMessage = "Enter a number of cycles between {1} and {2}.")]
    public int? OkrCyclesRun { get; set; }

    [Required(ErrorMessage = "Choose your role.")]
    public AuthorRole? AuthorRole { get; set; }

    public List<int> DriftTagIds { get; set; } = [];
    public List<int> TensionTagIds { get; set; } = [];
    public List<int> SymptomTagIds { get; set; } = [];
    public List<int> SafeguardTagIds { get; set; } = [];

    [StringLength(CaseLimits.OutcomeMax, ErrorMessage = "The outcome must be at most {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? Outcome { get; set; }

    [StringLength(CaseLimits.OpenQuestionMax, ErrorMessage = "The open question must be at most {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? OpenQuestion { get; set; }

    /// <summary>Publish under this name instead of the display name; empty = display name.</summary>
    [StringLength(CaseLimits.PseudonymMax, MinimumLength = CaseLimits.PseudonymMin, ErrorMessage = "The pseudonym must be between {2} and {1} characters.")]
    public string? Pseudonym { get; set; }

    public CaseVisibility Visibility { get; set; } = CaseVisibility.Public;

    public DateOnly? MembersOnlyUntil { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "Confirm that company and person names were removed.")]
    public bool NamesRemoved { get; set; }

    /// <summary>Fingerprints of the privacy findings the page showed (<see cref="CaseForm.Fingerprint"/>).</summary>
    public List<string> SeenFindings { get; set; } = [];

    /// <summary>A free-text field by its key in <see cref="CaseForm.TextFields"/>.</summary>
    public string? TextOf(string field) => field switch
    {
        nameof(Title) => Title, nameof(Summary) => Summary, nameof(Outcome) => Outcome, nameof(OpenQuestion) => OpenQuestion,
        _ when field.StartsWith("Sections.", StringComparison.Ordinal) => Sections[field["Sections.".Length..]],
        _ => null,
    };

    /// <summary>The language the case is written in; from now on the form edits the sections, whose headings follow it.</summary>
    public void SetLanguage(string language)
    {
        var sections = Sections;
        _body = null;
        _sections = sections;
        sections.Language = language;
    }

    public void SetText(string field, string value)
    {
        var sections = Sections;
        _body = null;   // from now on the body is the sections joined
        _sections = sections;
        switch (field)
        {
            case nameof(Title): Title = value; break;
            case nameof(Summary): Summary = value; break;
            case nameof(Outcome): Outcome = value; break;
            case nameof(OpenQuestion): OpenQuestion = value; break;
            default: sections[field["Sections.".Length..]] = value; break;
        }
    }

    [StringLength(CaseLimits.ReasonMax, ErrorMessage = "The reason must be at most {1} characters.")]
    public string? EditReason { get; set; }

    /// <summary>The server-side draft this composer saves into (chosen when the composer opens; null on the edit page).</summary>
    public Guid? DraftId { get; set; }

    /// <summary>The case version the edit started from (optimistic concurrency).</summary>
    public int Version { get; set; }

    /// <summary>Every text within its length limit: checked before any costly work (privacy check, Markdown).</summary>
    public bool FitsLimits() =>
        (Title?.Length ?? 0) <= CaseLimits.TitleMax && (Summary?.Length ?? 0) <= CaseLimits.SummaryMax && Sections.Length <= CaseLimits.BodyMax
        && (Body?.Length ?? 0) <= CaseLimits.BodyMax
        && (Outcome?.Length ?? 0) <= CaseLimits.OutcomeMax && (OpenQuestion?.Length ?? 0) <= CaseLimits.OpenQuestionMax
        && (Region?.Length ?? 0) <= CaseLimits.RegionMax;

    public IEnumerable<int> AllTagIds => DriftTagIds.Concat(TensionTagIds).Concat(SymptomTagIds).Concat(SafeguardTagIds);

    public CaseText ToText() => new(Title, Summary.ReplaceLineEndings(" "), Body, Outcome, OpenQuestion, CaseLanguages.Normalize(Sections.Language));

    public CaseContext ToContext() => new(SizeBand!.Value, Sector!.Value, Stage!.Value, Region, OkrCyclesRun, AuthorRole!.Value);

    public DateTime? MembersOnlyUntilUtc => Visibility == CaseVisibility.MembersOnly && MembersOnlyUntil is { } d
        ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;

    public static CaseInput From(Case c, IEnumerable<(int Id, Taxonomy.TagKind Kind)> tags)
    {
        var list = tags.ToList();
        List<int> Of(Taxonomy.TagKind kind) => list.Where(t => t.Kind == kind).Select(t => t.Id).ToList();
        var input = new CaseInput
        {
            Title = c.Title, Summary = c.Summary, Body = c.BodyMarkdown, SizeBand = c.SizeBand, Sector = c.Sector, Stage = c.Stage,
            Region = c.Region, OkrCyclesRun = c.OkrCyclesRun, AuthorRole = c.AuthorRole, Outcome = c.Outcome, OpenQuestion = c.OpenQuestion,
            Pseudonym = c.Pseudonym, Visibility = c.Visibility, NamesRemoved = true, Version = c.Version,
            MembersOnlyUntil = c.MembersOnlyUntilUtc is { } u ? DateOnly.FromDateTime(u) : null,
            DriftTagIds = Of(Taxonomy.TagKind.DriftType), TensionTagIds = Of(Taxonomy.TagKind.Tension),
            SymptomTagIds = Of(Taxonomy.TagKind.Symptom), SafeguardTagIds = Of(Taxonomy.TagKind.Safeguard),
        };
        input.SetLanguage(c.Language);   // a case without section headings does not say its language itself
        return input;
    }
}
