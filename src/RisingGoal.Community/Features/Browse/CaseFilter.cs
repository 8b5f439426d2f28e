using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// A list request once its query string is understood: tags of each dimension (any of them; both dimensions must
/// match), optional size band and sector, the sort and where the page starts.
/// </summary>
public sealed record CaseFilter(
    IReadOnlyList<int> TensionIds, IReadOnlyList<int> DriftIds, SizeBand? Size, Sector? Sector, CaseSort Sort, CaseCursor? After)
{
    /// <summary>Several ticked tags of one kind: a case must carry all of them (else any one is enough).</summary>
    public bool MatchAll { get; init; }

    /// <summary>Only cases this member published under their display name (never the pseudonymous ones).</summary>
    public string? NamedAuthorId { get; init; }

    public static CaseFilter Newest { get; } = new([], [], null, null, CaseSort.Newest, null);
}

/// <summary>The raw query string of /cases and the tag pages, turned into a <see cref="CaseFilter"/> plus what was ignored.</summary>
public sealed class CaseListQuery
{
    public string[] Tension { get; set; } = [];
    public string[] Drift { get; set; } = [];
    public string? Size { get; set; }
    public string? Sector { get; set; }
    public string? Sort { get; set; }
    public string? After { get; set; }
    /// <summary>"all": every ticked tag of a kind must be on the case; anything else: one of them is enough.</summary>
    public string? Match { get; set; }

    public bool MatchAll => string.Equals(Match?.Trim(), "all", StringComparison.OrdinalIgnoreCase);
    /// <summary>Only the cases the signed-in member opened that have replies they have not read.</summary>
    public bool Unread { get; set; }

    /// <summary>
    /// The query of a list's address, read by hand: model binding (a binder per property, then validation) was 6 % of a
    /// member's list page for eight plain strings. As binding did: keys in any case, the first value of a single one,
    /// empty as absent, control characters removed, "unread" true only when it says so.
    /// </summary>
    public static CaseListQuery From(IQueryCollection query)
    {
        string[] All(string key) => query.TryGetValue(key, out var values)
            ? values.Where(v => !string.IsNullOrEmpty(v)).Select(v => ControlCharacters.Strip(v!, multiLine: false)).ToArray()
            : [];
        string? First(string key) => All(key) is [var first, ..] ? first : null;
        return new CaseListQuery
        {
            Tension = All("tension"),
            Drift = All("drift"),
            Size = First("size"),
            Sector = First("sector"),
            Sort = First("sort"),
            After = First("after"),
            Match = First("match"),
            Unread = bool.TryParse(First("unread"), out var unread) && unread,
        };
    }

    public static readonly IReadOnlyList<(CaseSort Sort, string Value)> Sorts =
        [(CaseSort.Newest, "newest"), (CaseSort.Active, "active"), (CaseSort.Resonant, "resonant")];

    public CaseSort SortOrder
    {
        get
        {
            var wanted = Sort?.Trim().ToLowerInvariant();
            foreach (var (sort, value) in Sorts)
                if (value == wanted) return sort;
            return CaseSort.Newest;
        }
    }

    /// <summary>Unknown slugs, values and cursors are dropped; <paramref name="ignored"/> says so (never an error page).</summary>
    public CaseFilter Resolve(IReadOnlyList<TagChip> tags, out bool ignored)
    {
        ignored = false;
        var tensions = Ids(Tension, TagKind.Tension, tags, ref ignored);
        var drifts = Ids(Drift, TagKind.DriftType, tags, ref ignored);
        var size = ParseEnum<SizeBand>(Size, ref ignored);
        var sector = ParseEnum<Sector>(Sector, ref ignored);
        if (!string.IsNullOrEmpty(Sort) && Sorts.All(s => s.Value != Sort.Trim().ToLowerInvariant())) ignored = true;
        var sort = SortOrder;
        var after = CaseCursor.Decode(After);
        if (!string.IsNullOrEmpty(After) && (after is null || after.Sort != sort))
        {
            ignored = true;
            after = null;
        }
        return new CaseFilter(tensions, drifts, size, sector, sort, after) { MatchAll = MatchAll };
    }

    /// <summary>The same selection from its first page, with tags of one kind combined by "all" or by "any".</summary>
    public string WithMatch(bool all, string path)
    {
        var previous = Match;
        Match = all ? "all" : null;
        var url = With(null, path);
        Match = previous;
        return url;
    }

    /// <summary>The query string of this request with another start (null: first page), for pager links.</summary>
    public string With(CaseCursor? after, string path)
    {
        var pairs = Tension.Select(t => ("tension", (string?)t)).Concat(Drift.Select(d => ("drift", (string?)d)))
            .Append(("size", Size)).Append(("sector", Sector)).Append(("sort", Sort)).Append(("match", MatchAll ? "all" : null))
            .Append(("unread", Unread ? "true" : null)).Append(("after", after?.Encode()))
            .Where(p => !string.IsNullOrWhiteSpace(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        var query = string.Join("&", pairs);
        return query.Length == 0 ? path : $"{path}?{query}";
    }

    private static List<int> Ids(string[] slugs, TagKind kind, IReadOnlyList<TagChip> tags, ref bool ignored)
    {
        var ids = new List<int>();
        foreach (var slug in slugs.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct())
        {
            var tag = tags.FirstOrDefault(t => t.Kind == kind && t.Slug == slug.Trim().ToLowerInvariant());
            if (tag is null) ignored = true;
            else ids.Add(tag.Id);
        }
        return ids;
    }

    private static T? ParseEnum<T>(string? value, ref bool ignored) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!int.TryParse(value, out _) && Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        ignored = true;
        return null;
    }
}
