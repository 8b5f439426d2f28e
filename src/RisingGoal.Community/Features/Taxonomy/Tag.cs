using System.Globalization;

namespace RisingGoal.Community.Features.Taxonomy;

public enum TagKind
{
    DriftType = 1,
    Tension = 2,
    Symptom = 3,
    Safeguard = 4,
}

/// <summary>
/// One entry of the taxonomy (drift type, tension, symptom or safeguard), imported from content/taxonomy.
/// The English slug is stable and unique across kinds; names and descriptions exist in French and English.
/// A tag whose file disappears is retired, not deleted: cases keep pointing at it.
/// </summary>
public sealed class Tag
{
    public int Id { get; set; }
    public TagKind Kind { get; set; }
    public string Slug { get; set; } = "";
    public string NameFr { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string DescriptionFr { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime? RetiredUtc { get; set; }

    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? NameEn : NameFr;
    public string Description(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? DescriptionEn : DescriptionFr;
}
