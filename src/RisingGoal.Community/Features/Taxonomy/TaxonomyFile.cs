namespace RisingGoal.Community.Features.Taxonomy;

/// <summary>Front matter of a content/taxonomy/&lt;kind&gt;/&lt;slug&gt;.md file.</summary>
public sealed partial class TaxonomyFile
{
    public string? Slug { get; set; }
    /// <summary>Optional: implied by the folder (drift-types, tensions, symptoms, safeguards; singular accepted); must agree when given.</summary>
    public string? Kind { get; set; }
    public int Order { get; set; }
    public LocalisedText Name { get; set; } = new();
    public LocalisedText Description { get; set; } = new();

    /// <summary>The folder of each kind under content/taxonomy, which is also the value <c>kind:</c> may take.</summary>
    public static readonly IReadOnlyDictionary<string, TagKind> Folders = new Dictionary<string, TagKind>
    {
        ["drift-types"] = TagKind.DriftType,
        ["tensions"] = TagKind.Tension,
        ["symptoms"] = TagKind.Symptom,
        ["safeguards"] = TagKind.Safeguard,
    };

    /// <summary>Slugs are lower-case ASCII words joined by hyphens: stable English identifiers used in URLs.</summary>
    public static bool IsValidSlug(string? slug) =>
        slug is { Length: > 0 and <= 80 } && SlugPattern().IsMatch(slug);

    // NonBacktracking like every pattern of the app (RegexSafetyTests), though its construction at the first start-up
    // import costs about 2 % of the cold start: the rule is kept whole rather than argued pattern by pattern.
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", System.Text.RegularExpressions.RegexOptions.NonBacktracking)]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();

    private static TagKind? KindOf(string kind) =>
        Folders.TryGetValue(kind, out var k) || Folders.TryGetValue(kind + "s", out k) ? k : null;

    /// <summary>Problems that make the file unusable (empty when the file can be imported).</summary>
    public IEnumerable<string> Problems(TagKind folderKind)
    {
        if (!IsValidSlug(Slug))
            yield return "slug is missing or not lower-case-with-hyphens";
        if (Kind is not null && KindOf(Kind) != folderKind)
            yield return $"kind '{Kind}' does not match its folder";
        if (string.IsNullOrWhiteSpace(Name.Fr) || string.IsNullOrWhiteSpace(Name.En))
            yield return "name.fr and name.en are required";
        if ((Name.Fr?.Length ?? 0) > 120 || (Name.En?.Length ?? 0) > 120)
            yield return "names are limited to 120 characters";
        if ((Description.Fr?.Length ?? 0) > 2000 || (Description.En?.Length ?? 0) > 2000)
            yield return "descriptions are limited to 2000 characters";
    }
}

public sealed class LocalisedText
{
    public string? Fr { get; set; }
    public string? En { get; set; }
}
