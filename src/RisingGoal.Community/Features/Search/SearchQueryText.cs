using System.Globalization;
using System.Text;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// Turns what a reader typed into a safe FTS5 expression: every word becomes a quoted string followed by <c>*</c>
/// (a prefix query), so operators (AND, OR, NOT, NEAR), quotes, parentheses, <c>^</c>, <c>:</c> column filters and a
/// lone <c>*</c> are only text. Words are joined by spaces (all must match).
/// Plural/singular tolerance: a word longer than 4 letters ending in "s" or "x" loses that letter before the prefix
/// star, so "tensions" and "tension" both become <c>"tension"*</c>, which matches both forms in the index.
/// Accents are folded by the index tokenizer (unicode61 remove_diacritics 2), on both sides.
/// </summary>
public static class SearchQueryText
{
    public const int MaxTerms = 12;
    public const int MaxLength = 200;

    /// <summary>The FTS5 expression, or null when nothing searchable remains.</summary>
    public static string? ToFts5(string? input) => ToFts5(Terms(input));

    /// <summary>The FTS5 expression for words already kept by <see cref="Terms"/>, or null when there are none.</summary>
    public static string? ToFts5(IReadOnlyList<string> terms) =>
        terms.Count == 0 ? null : string.Join(' ', terms.Select(t => $"\"{t}\"*"));

    /// <summary>
    /// The same words as whole words only: each one as typed and with its plural endings (<c>("objectif" OR "objectifs"
    /// OR "objectifx")</c>), all required (joined by AND: FTS5 does not join parenthesised groups by juxtaposition).
    /// FTS5 walks these doclists lazily in rowid order and stops at the window's LIMIT; a prefix not in the index
    /// (<c>prefix='3'</c>) is merged whole before the first match comes out (about 200 ms of CPU for a word found in half
    /// the corpus), so the index tries this first (<see cref="SqliteSearchIndex"/>).
    /// </summary>
    public static string? ToFts5WholeWords(IReadOnlyList<string> terms) =>
        terms.Count == 0 ? null : string.Join(" AND ", terms.Select(t => $"(\"{t}\" OR \"{t}s\" OR \"{t}x\")"));

    /// <summary>The words kept from the input: letters and digits only, each folded for plurals, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return [];
        var text = input.Length > MaxLength ? input[..MaxLength] : input;
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text.Normalize(NormalizationForm.FormC).Append(' '))
        {
            if (char.IsLetterOrDigit(ch)) { word.Append(ch); continue; }
            if (word.Length > 0)
            {
                var term = Singular(word.ToString().ToLower(CultureInfo.InvariantCulture));
                if (!terms.Contains(term)) terms.Add(term);
                word.Clear();
            }
        }
        return terms.Take(MaxTerms).ToList();
    }

    private static string Singular(string word) =>
        word.Length > 4 && (word.EndsWith('s') || word.EndsWith('x')) && !char.IsDigit(word[^2]) ? word[..^1] : word;
}
