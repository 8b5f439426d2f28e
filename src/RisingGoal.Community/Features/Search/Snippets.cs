using System.Globalization;
using System.Text;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// Snippets and marked titles made in C# from the stored text of the entries shown, the way FTS5's tokenizer sees
/// words (letters and digits, case and accents folded) and the way queries match them (by prefix). SQLite's own
/// snippet() must re-run the MATCH per row, which for a common prefix costs a merge of its whole doclist each time.
/// </summary>
public static class Snippets
{
    public const int Words = 24;

    /// <summary>The window of <paramref name="words"/> words holding the most matches, matches marked, "…" where cut.</summary>
    public static string Best(string text, IReadOnlyList<string> terms, int words = Words)
    {
        var tokens = Tokens(text, Folded(terms));
        if (tokens.Count == 0) return "";
        var best = 0;
        var bestCount = -1;
        var count = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Matched) count++;
            if (i >= words && tokens[i - words].Matched) count--;
            var start = Math.Max(0, i - words + 1);
            if (count > bestCount) (best, bestCount) = (start, count);
        }
        var last = Math.Min(tokens.Count, best + words) - 1;
        var marked = Mark(text, tokens, best, last);
        return (best > 0 ? "…" : "") + marked + (last < tokens.Count - 1 ? "…" : "");
    }

    /// <summary>The whole text with every matching word marked.</summary>
    public static string All(string text, IReadOnlyList<string> terms)
    {
        var tokens = Tokens(text, Folded(terms));
        return tokens.Count == 0 ? text : text[..tokens[0].Start] + Mark(text, tokens, 0, tokens.Count - 1) + text[tokens[^1].End..];
    }

    /// <summary>How many of the terms start a word of <paramref name="text"/> (as a query matches them).</summary>
    public static int MatchedTerms(string text, IReadOnlyList<string> terms)
    {
        if (text.Length == 0 || terms.Count == 0) return 0;
        var folded = Folded(terms);
        var matched = new bool[folded.Count];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            i = WordEnd(text, i);
            if (!MayMatch(text[start], folded)) continue;
            var word = Fold(text[start..i]);
            for (var t = 0; t < folded.Count; t++)
                matched[t] |= word.StartsWith(folded[t], StringComparison.Ordinal);
        }
        return matched.Count(m => m);
    }

    private readonly record struct Token(int Start, int End, bool Matched);

    private static string Mark(string text, List<Token> tokens, int first, int last)
    {
        var sb = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            var t = tokens[i];
            if (i > first) sb.Append(text, tokens[i - 1].End, t.Start - tokens[i - 1].End);
            if (t.Matched) sb.Append(Highlight.Start).Append(text, t.Start, t.End - t.Start).Append(Highlight.End);
            else sb.Append(text, t.Start, t.End - t.Start);
        }
        return sb.ToString();
    }

    private static List<Token> Tokens(string text, IReadOnlyList<string> terms)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            i = WordEnd(text, i);
            // Folding every word (a Unicode normalisation and a string each) was most of a search's CPU: ranking reads
            // up to 2,000 titles and summaries, snippets whole bodies. A word whose first letter starts no term is no match.
            var matched = MayMatch(text[start], terms) && Fold(text[start..i]) is var word
                && terms.Any(term => word.StartsWith(term, StringComparison.Ordinal));
            tokens.Add(new Token(start, i, matched));
        }
        return tokens;
    }

    private static int WordEnd(string text, int i)
    {
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark)) i++;
        return i;
    }

    /// <summary>Whether a word starting with <paramref name="first"/> may start with one of the folded terms.</summary>
    private static bool MayMatch(char first, IReadOnlyList<string> foldedTerms)
    {
        var folded = first < 128 ? char.ToLowerInvariant(first) : Fold(first.ToString()) is { Length: > 0 } f ? f[0] : first;
        foreach (var term in foldedTerms)
            if (term[0] == folded) return true;
        return false;
    }

    private static List<string> Folded(IReadOnlyList<string> terms) => terms.Select(Fold).Where(t => t.Length > 0).ToList();

    /// <summary>Lower case without diacritics, as unicode61 with remove_diacritics folds it.</summary>
    public static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(ch));
        return sb.ToString();
    }
}
