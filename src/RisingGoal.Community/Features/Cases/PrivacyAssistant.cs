using System.Text.RegularExpressions;

namespace RisingGoal.Community.Features.Cases;

public enum PrivacyFindingKind { Email = 1, Phone = 2, WebAddress = 3, Handle = 4, ProperName = 5, PreciseContext = 6 }

/// <summary>What a finding could be replaced with, so that the case keeps its sense without naming anyone.</summary>
public enum PrivacyReplacement { None = 0, Person, Company, Factory, Place, Name, Email, Phone, Website, Handle }

/// <summary>
/// A detail that may identify a company or a person; <see cref="Excerpt"/> is what was found (a whole phrase for a
/// name: "Jean Dupont"), <see cref="Text"/> the index of the text it was found in (-1: the context fields).
/// </summary>
public sealed record PrivacyFinding(PrivacyFindingKind Kind, string Excerpt, int Text = -1)
{
    public PrivacyReplacement Replacement => PrivacyAssistant.ReplacementFor(this);
}

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
        for (var index = 0; index < input.Texts.Count; index++)
        {
            if (input.Texts[index] is not { } text || string.IsNullOrWhiteSpace(text)) continue;
            var found = new List<PrivacyFinding>();
            var rest = text;
            rest = Collect(found, PrivacyFindingKind.Email, EmailPattern(), rest);
            rest = Collect(found, PrivacyFindingKind.WebAddress, UrlPattern(), rest);
            rest = Collect(found, PrivacyFindingKind.Handle, HandlePattern(), rest, IsHandle);
            rest = Collect(found, PrivacyFindingKind.Phone, PhoneCandidate(), rest, PhoneWithin);
            foreach (var name in ProperNames(rest, known))
                found.Add(new PrivacyFinding(PrivacyFindingKind.ProperName, name));
            findings.AddRange(found.Select(f => f with { Text = index }));
        }
        if (TooPrecise(input)) findings.Add(new PrivacyFinding(PrivacyFindingKind.PreciseContext, input.Region ?? ""));
        return findings.DistinctBy(f => (f.Text, f.Kind, f.Excerpt.ToLowerInvariant())).ToList();
    }

    /// <summary>
    /// Replaces each finding with a space. <paramref name="accept"/> may keep a match as it is (null) or take only its
    /// first characters (their count): the patterns are linear-time (no lookarounds), so the boundary checks a
    /// backtracking pattern would express with lookarounds are made here, on the text around the match.
    /// </summary>
    private static string Collect(List<PrivacyFinding> findings, PrivacyFindingKind kind, Regex pattern, string text,
        Func<string, Match, int?>? accept = null)
    {
        return pattern.Replace(text, m =>
        {
            var length = accept is null ? m.Length : accept(text, m);
            if (length is not { } taken) return m.Value;
            var value = m.Value[..taken].Trim().TrimEnd('.', ',', ';', ')');
            findings.Add(new PrivacyFinding(kind, value));
            return " " + m.Value[taken..];
        });
    }

    /// <summary>A handle starts a word: not after a letter, digit, underscore or another '@'.</summary>
    private static int? IsHandle(string text, Match m) =>
        m.Index > 0 && (IsWordChar(text[m.Index - 1]) || text[m.Index - 1] == '@') ? null : m.Length;

    /// <summary>
    /// A phone number stands alone (not after a word character, '/', ',' or '.', not before a word character or '/')
    /// and has 8 to 15 digits; a run that goes on into a word is cut back to its longest such number.
    /// </summary>
    private static int? PhoneWithin(string text, Match m)
    {
        if (m.Index > 0 && (IsWordChar(text[m.Index - 1]) || text[m.Index - 1] is '/' or ',' or '.')) return null;
        var start = m.Value[0] == '+' ? 1 : 0;
        if (m.Value[start] == '(') start++;
        for (var end = m.Length; end - start >= 8; end--)
        {
            if (!char.IsAsciiDigit(m.Value[end - 1])) continue;
            var next = m.Index + end;
            if (next < text.Length && (IsWordChar(text[next]) || text[next] == '/')) continue;
            var digits = m.Value[..end].Count(char.IsAsciiDigit);
            return digits is >= 8 and <= 15 ? end : null;
        }
        return null;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || char.GetUnicodeCategory(c) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation;

    /// <summary>
    /// Names as whole phrases: runs of capitalised words ("Jean Dupont"), joined by a particle when a capitalised word
    /// follows it ("Usine de Vénissieux"). Common words, taxonomy words and acronyms at the edges of a run are dropped;
    /// a run left with no word of its own is no name. A single word that opens a sentence is not taken for a name.
    /// </summary>
    private static IEnumerable<string> ProperNames(string text, HashSet<string> known)
    {
        var words = WordPattern().Matches(text).Select(Unelided).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsCapitalised(words[i].Word)) continue;
            var last = i;
            while (last + 1 < words.Count)
            {
                if (IsCapitalised(words[last + 1].Word) && Joined(text, words[last], words[last + 1])) last++;
                else if (last + 2 < words.Count && Particles.Contains(words[last + 1].Word) && IsCapitalised(words[last + 2].Word)
                         && Joined(text, words[last], words[last + 1]) && Joined(text, words[last + 1], words[last + 2])) last += 2;
                else break;
            }
            var first = i;
            i = last;
            bool Ordinary(int k) => IsOrdinary(words[k].Word, known);
            while (first <= last && Ordinary(first)) first++;
            while (last >= first && Ordinary(last)) last--;
            if (first > last) continue;
            var capitalised = Enumerable.Range(first, last - first + 1).Count(k => IsCapitalised(words[k].Word));
            if (capitalised == 1 && IsSentenceStart(text, words[first].Index)) continue;
            yield return text[words[first].Index..(words[last].Index + words[last].Word.Length)];
        }
    }

    /// <summary>A word without its elided article ("l’Usine" → "Usine") and without apostrophes or dashes at its edges.</summary>
    private static (string Word, int Index) Unelided(Match m)
    {
        var word = m.Value;
        var index = m.Index;
        if (word.Length > 2 && word[0] is 'd' or 'l' or 'D' or 'L' or 'j' or 'n' or 's' or 'c' && word[1] is '\'' or '’' && char.IsUpper(word[2]))
            (word, index) = (word[2..], index + 2);
        var trimmed = word.TrimStart('\'', '’', '-');
        index += word.Length - trimmed.Length;
        return (trimmed.TrimEnd('\'', '’', '-'), index);
    }

    private static bool IsCapitalised(string word) => word.Length >= 2 && char.IsUpper(word[0]);

    private static bool IsOrdinary(string word, HashSet<string> known) =>
        !IsCapitalised(word) || Acronyms.Contains(word) || Acronyms.Contains(word.TrimEnd('s')) || CommonWords.Contains(word) || known.Contains(word);

    /// <summary>Two words of one name: only spaces between them, on one line.</summary>
    private static bool Joined(string text, (string Word, int Index) left, (string Word, int Index) right)
    {
        var gap = text.AsSpan(left.Index + left.Word.Length, right.Index - left.Index - left.Word.Length);
        return gap.Length is >= 1 and <= 2 && gap.Trim(' ').IsEmpty;
    }

    /// <summary>What a finding could be replaced with: by its kind, and for a name by the words it holds.</summary>
    public static PrivacyReplacement ReplacementFor(PrivacyFinding finding) => finding.Kind switch
    {
        PrivacyFindingKind.Email => PrivacyReplacement.Email,
        PrivacyFindingKind.Phone => PrivacyReplacement.Phone,
        PrivacyFindingKind.WebAddress => PrivacyReplacement.Website,
        PrivacyFindingKind.Handle => PrivacyReplacement.Handle,
        PrivacyFindingKind.ProperName => NameReplacement(finding.Excerpt),
        _ => PrivacyReplacement.None,
    };

    private static PrivacyReplacement NameReplacement(string phrase)
    {
        var words = WordPattern().Matches(phrase).Select(m => m.Value).ToList();
        if (words.Any(w => FactoryWords.Contains(w))) return PrivacyReplacement.Factory;
        if (words.Any(w => CompanyWords.Contains(w))) return PrivacyReplacement.Company;
        if (words.Any(w => Cities.Contains(w, StringComparer.OrdinalIgnoreCase))) return PrivacyReplacement.Place;
        if (words.Count >= 2 && FirstNames.Contains(words[0].Split('-')[0])) return PrivacyReplacement.Person;
        return words.Count == 1 && FirstNames.Contains(words[0].Split('-')[0]) ? PrivacyReplacement.Person : PrivacyReplacement.Name;
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

    /// <summary>The word, whatever its case, not inside a longer word (no letter just before or after).</summary>
    private static bool ContainsWord(string? text, string word)
    {
        if (text is null) return false;
        for (var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = i + word.Length;
            if ((i == 0 || !char.IsLetter(text[i - 1])) && (end >= text.Length || !char.IsLetter(text[end])))
                return true;
        }
        return false;
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    // Every pattern here sees what members type: linear-time engine only (no lookarounds, no backreferences).
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.NonBacktracking)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(https?://\S+|www\.\S+|[\w-]+\.(com|fr|io|net|org|eu|co|de|be|ch|ca|uk|app|ai)\b(/\S*)?)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"@[A-Za-z0-9_]{2,30}", RegexOptions.NonBacktracking)]
    private static partial Regex HandlePattern();

    // Sequences of digits, spaces, dots, dashes and brackets; kept only with 8 to 15 digits (not years, not amounts), see PhoneWithin.
    [GeneratedRegex(@"\+?\(?\d[\d\s.()-]{6,}\d", RegexOptions.NonBacktracking)]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"\p{L}[\p{L}'’-]*", RegexOptions.NonBacktracking)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b\d{1,5}\s*(personnes|salariés|salaries|employés|employes|collaborateurs|ETP|people|employees|staff|FTE)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HeadcountPattern();
}
