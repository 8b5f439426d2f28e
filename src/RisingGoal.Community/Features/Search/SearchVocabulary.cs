using System.Runtime.CompilerServices;
using RisingGoal.Community.Features.Browse;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// The site's own words in a search: tags whose name or description hold every word typed ("alignement" → the drift
/// "Apparent alignment"), and operators in the query (<c>tension:…</c>, <c>secteur:…</c>, <c>depuis:2025-09-01</c>)
/// turned into filters. Matching is on folded words (no accents, lower case) in both languages, so it is the same on
/// every database provider.
/// </summary>
public static class SearchVocabulary
{
    /// <summary>At most this many tags are suggested above the results.</summary>
    public const int MaxSuggestions = 3;

    /// <summary>Tags whose name (first) or name and description hold every word of <paramref name="text"/> as a word start.</summary>
    public static IReadOnlyList<BrowseQueries.TagDetail> Suggest(string? text, IReadOnlyList<BrowseQueries.TagDetail> tags)
    {
        var terms = Words(text).Where(w => w.Length >= 3).ToList();
        if (terms.Count == 0) return [];
        bool All(string[] words) => terms.All(t => words.Any(w => w.StartsWith(t, StringComparison.Ordinal)));
        return FoldedTags.GetValue(tags, Fold)
            .Select(t => (t.Tag, Score: All(t.Name) ? 0 : All(t.NameAndDescription) ? 1 : 2))
            .Where(t => t.Score < 2)
            .OrderBy(t => t.Score).ThenBy(t => t.Tag.Kind)
            .Take(MaxSuggestions).Select(t => t.Tag).ToList();
    }

    private sealed record FoldedTag(BrowseQueries.TagDetail Tag, string[] Name, string[] NameAndDescription);

    /// <summary>
    /// The tags' words, folded once per list the read cache hands out (a new list after a write or its lifetime):
    /// folding every name and description again on each search was a quarter of a member's search page.
    /// </summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<BrowseQueries.TagDetail>, FoldedTag[]> FoldedTags = new();

    private static FoldedTag[] Fold(IReadOnlyList<BrowseQueries.TagDetail> tags) =>
        tags.Select(t =>
        {
            var name = Words(t.NameFr + " " + t.NameEn);
            return new FoldedTag(t, [.. name], [.. name, .. Words(t.DescriptionFr + " " + t.DescriptionEn)]);
        }).ToArray();

    /// <summary>Folded words, plural "s"/"x" dropped past four letters (as the full-text query does).</summary>
    private static List<string> Words(string? text) =>
        Slugs.From(text ?? "", int.MaxValue).Split('-', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length > 4 && (w.EndsWith('s') || w.EndsWith('x')) ? w[..^1] : w).ToList();

    /// <summary>What the operators of a query asked for; null fields were not asked (or not understood).</summary>
    public sealed record Operators(string Text, string? Tension, string? Drift, string? Size, string? Sector, string? Stage, string? Role,
        string? From, string? To)
    {
        public bool Any => (Tension ?? Drift ?? Size ?? Sector ?? Stage ?? Role ?? From ?? To) is not null;
    }

    /// <summary>
    /// Splits <c>key:value</c> words off the query. Keys in French or English; tag values by slug or by name, context
    /// values by name or label (<paramref name="label"/> gives the reader's label of an enum value).
    /// </summary>
    public static Operators ParseOperators(string? q, IReadOnlyList<TagChip> dimensions, Func<Enum, string> label)
    {
        string? tension = null, drift = null, size = null, sector = null, stage = null, role = null, from = null, to = null;
        var kept = new List<string>();
        foreach (var word in (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = word.IndexOf(':');
            var key = colon > 0 ? Slugs.From(word[..colon]) : "";
            var value = colon > 0 ? word[(colon + 1)..] : "";
            if (value.Length == 0) { kept.Add(word); continue; }
            switch (key)
            {
                case "tension": tension = Tag(value, TagKind.Tension, dimensions) ?? tension; break;
                case "drift" or "derive" or "type": drift = Tag(value, TagKind.DriftType, dimensions) ?? drift; break;
                case "size" or "taille": size = Enum<SizeBand>(value, label) ?? size; break;
                case "sector" or "secteur": sector = Enum<Sector>(value, label) ?? sector; break;
                case "stage" or "stade": stage = Enum<Stage>(value, label) ?? stage; break;
                case "role": role = Enum<AuthorRole>(value, label) ?? role; break;
                case "from" or "since" or "depuis" or "apres": from = Date(value) ?? from; break;
                case "to" or "until" or "avant" or "jusqua": to = Date(value) ?? to; break;
                default: kept.Add(word); break;
            }
        }
        return new Operators(string.Join(' ', kept), tension, drift, size, sector, stage, role, from, to);
    }

    private static string? Tag(string value, TagKind kind, IReadOnlyList<TagChip> dimensions)
    {
        var wanted = Slugs.From(value);
        return dimensions.FirstOrDefault(t => t.Kind == kind && (t.Slug == wanted || Slugs.From(t.NameFr) == wanted || Slugs.From(t.NameEn) == wanted
            || t.Slug.StartsWith(wanted, StringComparison.Ordinal) || Slugs.From(t.NameFr).StartsWith(wanted, StringComparison.Ordinal)
            || Slugs.From(t.NameEn).StartsWith(wanted, StringComparison.Ordinal)))?.Slug;
    }

    private static string? Enum<T>(string value, Func<Enum, string> label) where T : struct, Enum
    {
        var wanted = Slugs.From(value);
        if (wanted.Length == 0) return null;
        // Sizes are typed as numbers ("51-200", "5000"): compared by their digits with the value's name (From51To200).
        var digits = new string(wanted.Where(char.IsAsciiDigit).ToArray());
        foreach (var candidate in System.Enum.GetValues<T>())
            if (Slugs.From(candidate.ToString()) == wanted || Slugs.From(label(candidate)).Contains(wanted, StringComparison.Ordinal)
                || (digits.Length > 0 && new string(candidate.ToString().Where(char.IsAsciiDigit).ToArray()) == digits))
                return candidate.ToString().ToLowerInvariant();
        return null;
    }

    private static string? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A filter value from the URL as an enum (names only, never numbers), or null.</summary>
    public static T? ParseEnum<T>(string? value) where T : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && System.Enum.TryParse<T>(value.Trim(), true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed : null;

    /// <summary>A yyyy-MM-dd date from the URL as the UTC start of that day, or null.</summary>
    public static DateTime? ParseDay(string? value) => Date(value ?? "") is { } day
        ? DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
        : null;
}
