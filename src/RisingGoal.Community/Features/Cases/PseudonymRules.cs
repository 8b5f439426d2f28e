using System.Text;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// What a pseudonym must be, whoever picks it: the author publishing a case, or a moderator replacing a pseudonym
/// that identified its author (<see cref="Case.ReplacePseudonym"/>).
/// </summary>
public static class PseudonymRules
{
    /// <summary>Spaces collapsed and precomposed, as display names are: the form compared and stored.</summary>
    public static string Clean(string? pseudonym) => Member.CleanDisplayName(pseudonym).Normalize(NormalizationForm.FormC);

    public static bool HasValidLength(string cleaned) => cleaned.Length is >= CaseLimits.PseudonymMin and <= CaseLimits.PseudonymMax;

    /// <summary>
    /// A pseudonym may not pass for someone: not a member's display name, nor a reserved name (staff titles, "Former
    /// member"…), whatever its case, accents or spacing. Display names are compared in memory among those of the same
    /// length (folding keeps the length of precomposed text): the column holds no folded form to query.
    /// </summary>
    public static async Task<bool> PassesForSomeoneAsync(DbContext db, string cleaned, CancellationToken ct)
    {
        var folded = NameFolding.Fold(cleaned);
        return Member.IsReservedDisplayName(cleaned) || (await db.Set<Member>().AsNoTracking()
                .Where(m => m.DisplayName.Length == cleaned.Length).Select(m => m.DisplayName).ToListAsync(ct))
            .Any(name => NameFolding.Fold(name) == folded);
    }
}
