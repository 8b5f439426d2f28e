using System.Text.RegularExpressions;

namespace RisingGoal.Community.Features.Cases;

public enum PrivacyFindingKind { Email = 1, Phone = 2, WebAddress = 3, Handle = 4, ProperName = 5, PreciseContext = 6 }

/// <summary>A detail that may identify a company or a person; <see cref="Excerpt"/> is what was found.</summary>
public sealed record PrivacyFinding(PrivacyFindingKind Kind, string Excerpt);

/// <summary>What the assistant reads: the free texts and the context fields.</summary>
public sealed record PrivacyInput(IReadOnlyList<string?> Texts, SizeBand? SizeBand, string? Region);

/// <summary>
/// Finds likely identifying details before a case is published. Pure: no I/O, same answer for the same input.
/// It errs on the side of asking; the author confirms or fixes.
/// </summary>
public static partial class PrivacyAssistant
{
    public static IReadOnlyList<PrivacyFinding> Check(PrivacyInput input, IEnumerable<string>? taxonomyWords = null)
    {
        var known = new HashSet<string>(taxonomyWords?.SelectMany(Words) ?? [], StringComparer.OrdinalIgnoreCase);
        var findings = new List<PrivacyFinding>();
        foreach (var text in input.Texts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!))
        {
            var rest = text;
            rest = Collect(findings, PrivacyFindingKind.Email, EmailPattern(), rest);
            rest = Collect(findings, PrivacyFindingKind.WebAddress, UrlPattern(), rest);
            rest = Collect(findings, PrivacyFindingKind.Handle, HandlePattern(), rest);
            rest = Collect(findings, PrivacyFindingKind.Phone, PhoneCandidate(), rest, LooksLikePhone);
            foreach (var name in ProperNames(rest, known))
                findings.Add(new PrivacyFinding(PrivacyFindingKind.ProperName, name));
        }
        if (TooPrecise(input)) findings.Add(new PrivacyFinding(PrivacyFindingKind.PreciseContext, input.Region ?? ""));
        return findings.DistinctBy(f => (f.Kind, f.Excerpt.ToLowerInvariant())).ToList();
    }

    private static string Collect(List<PrivacyFinding> findings, PrivacyFindingKind kind, Regex pattern, string text,
        Func<string, bool>? accept = null)
    {
        return pattern.Replace(text, m =>
        {
            var value = m.Value.Trim().TrimEnd('.', ',', ';', ')');
            if (accept is not null && !accept(value)) return m.Value;
            findings.Add(new PrivacyFinding(kind, value));
            return " ";
        });
    }

    private static bool LooksLikePhone(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }

    /// <summary>Capitalised words that are not sentence-initial, not common words, not taxonomy words, not known acronyms.</summary>
    private static IEnumerable<string> ProperNames(string text, HashSet<string> known)
    {
        foreach (Match m in WordPattern().Matches(text))
        {
            var word = m.Value.Trim('\'', '’', '-');
            if (word.Length < 2 || !char.IsUpper(word[0])) continue;
            if (Acronyms.Contains(word) || Acronyms.Contains(word.TrimEnd('s'))) continue;
            if (CommonWords.Contains(word) || known.Contains(word)) continue;
            if (IsSentenceStart(text, m.Index)) continue;
            yield return word;
        }
    }

    private static bool IsSentenceStart(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && (text[i] is ' ' or '\t' or '#' or '*' or '-' or '>' or '"' or '«' or '(' or '_' || char.IsDigit(text[i]) || (text[i] == '.' && i > 0 && char.IsDigit(text[i - 1]))))
            i--;
        return i < 0 || text[i] is '.' or '!' or '?' or '\n' or '\r' or ':' or '…';
    }

    private static bool TooPrecise(PrivacyInput input)
    {
        var small = input.SizeBand is Cases.SizeBand.From1To10 or Cases.SizeBand.From11To50 or Cases.SizeBand.From51To200;
        if (!small) return false;
        var all = string.Join("\n", input.Texts);
        var namesCity = Cities.Any(c => ContainsWord(input.Region, c) || ContainsWord(all, c));
        return namesCity || HeadcountPattern().IsMatch(all);
    }

    private static bool ContainsWord(string? text, string word) =>
        text is not null && Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(word)}(?!\p{{L}})", RegexOptions.IgnoreCase);

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(https?://\S+|www\.\S+|[\w-]+\.(com|fr|io|net|org|eu|co|de|be|ch|ca|uk|app|ai)\b(/\S*)?)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?<![\w@])@[A-Za-z0-9_]{2,30}")]
    private static partial Regex HandlePattern();

    // Sequences of digits, spaces, dots, dashes and brackets; kept only with 8 to 15 digits (not years, not amounts).
    [GeneratedRegex(@"(?<![\w/,.])\+?\(?\d[\d\s.()-]{6,}\d(?![\w/])")]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b\d{1,5}\s*(personnes|salariés|salaries|employés|employes|collaborateurs|ETP|people|employees|staff|FTE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeadcountPattern();
}
