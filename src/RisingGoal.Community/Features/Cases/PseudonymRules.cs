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
    /// member"…), nor another account's pseudonym, whatever its case, accents or spacing. Names are compared in memory
    /// among those of the same length (folding keeps the length of precomposed text): the columns hold no folded form.
    /// The answer never depends on who holds the name, so it cannot tie a pseudonym to an account (README, "A pseudonym
    /// cannot pass for someone").
    /// </summary>
    /// <param name="writerId">The member choosing it for their own new case: the pseudonyms of their own cases stay theirs
    /// to use again (they learn nothing but their own). Null when a moderator chooses it for someone's case: every
    /// pseudonym in use is refused then, the same author's included, or "allowed" would tell the moderator that two
    /// cases share an author.</param>
    public static async Task<bool> PassesForSomeoneAsync(DbContext db, string cleaned, string? writerId, CancellationToken ct)
    {
        var folded = NameFolding.Fold(cleaned);
        if (Member.IsReservedDisplayName(cleaned)) return true;
        var names = await db.Set<Member>().AsNoTracking().Where(m => m.DisplayName.Length == cleaned.Length).Select(m => m.DisplayName).ToListAsync(ct);
        var pseudonyms = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Pseudonym != null && c.Pseudonym.Length == cleaned.Length && (writerId == null || c.AuthorId == null || c.AuthorId != writerId))
            .Select(c => c.Pseudonym!).Distinct().ToListAsync(ct);
        return names.Concat(pseudonyms).Any(name => NameFolding.Fold(name) == folded);
    }
}
