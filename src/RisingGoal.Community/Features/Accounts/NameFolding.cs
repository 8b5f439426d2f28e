using System.Globalization;
using System.Text;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Compares public names the way a reader would confuse them: whatever their case, accents and inner spacing
/// ("Modération", "MODERATION" and "moderation " are one name). Used for reserved names, pseudonyms and staff names.
/// </summary>
public static class NameFolding
{
    public static string Fold(string? name)
    {
        var decomposed = Member.CleanDisplayName(name).Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                kept.Append(c);
        return kept.ToString().Normalize(NormalizationForm.FormC).ToUpperInvariant();
    }

    public static bool SameName(string? a, string? b) => Fold(a) == Fold(b);
}
