using System.Globalization;
using System.Text;

namespace RisingGoal.Community.Features.Cases;

/// <summary>URL slugs: lower-case ASCII, accents folded, words joined by hyphens.</summary>
public static class Slugs
{
    public static string From(string text, int maxLength = CaseLimits.SlugMax)
    {
        var folded = Fold(text ?? "");
        var builder = new StringBuilder(folded.Length);
        var pendingHyphen = false;
        foreach (var c in folded)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0) builder.Append('-');
                builder.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else pendingHyphen = true;
        }
        var slug = builder.ToString();
        if (slug.Length > maxLength) slug = slug[..maxLength].TrimEnd('-');
        return slug.Length == 0 ? "case" : slug;
    }

    private static string Fold(string text)
    {
        var expanded = text.Replace("œ", "oe").Replace("Œ", "Oe").Replace("æ", "ae").Replace("Æ", "Ae").Replace("ß", "ss");
        var decomposed = expanded.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                builder.Append(c);
        return builder.ToString();
    }
}
