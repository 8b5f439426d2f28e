using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Runs on every create and update through UserManager: a display name is 2–40 characters and unique whatever its case,
/// and may not pass for a moderator's or administrator's name whatever its accents (staff are few: one small query).
/// The unique index on <see cref="Member.NormalizedDisplayName"/> is the last line of defence against races.
/// Reserved titles are refused by the register and display-name pages (the start-up administrator keeps
/// "Administrateur"). Nor may a new or changed name be a pseudonym in use, whatever its case or accents: a member named
/// like a pseudonym would pass for its author, or point at them (the pseudonym is checked against display names when
/// it is chosen, this is the other direction).
/// </summary>
internal sealed class DisplayNameValidator(IStringLocalizer<Strings> l, Infrastructure.Data.CommunityDbContext db) : IUserValidator<Member>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user)
    {
        if (user.DisplayName.Length is < Member.DisplayNameMinLength or > Member.DisplayNameMaxLength)
            return IdentityResult.Failed(new IdentityError
            {
                Code = IdentityErrorFields.InvalidDisplayName,
                Description = l["The display name must be between 2 and 40 characters."],
            });
        var taken = await manager.Users.AnyAsync(m => m.NormalizedDisplayName == user.NormalizedDisplayName && m.Id != user.Id)
                    || await PassesForStaffAsync(manager, user)
                    || await PassesForPseudonymAsync(manager, user);
        return taken
            ? IdentityResult.Failed(new IdentityError
            {
                Code = IdentityErrorFields.DuplicateDisplayName,
                Description = l["This display name is already taken. Please choose another one."],
            })
            : IdentityResult.Success;
    }

    /// <summary>A new or changed name that folds to a pseudonym (compared among those of the same length, as pseudonyms are).</summary>
    private async Task<bool> PassesForPseudonymAsync(UserManager<Member> manager, Member user)
    {
        // Every UpdateAsync validates (a failed login too): only a new or changed name pays for the scan of pseudonyms.
        if (!await IsNewOrChangedAsync(manager, user)) return false;
        var folded = NameFolding.Fold(user.DisplayName);
        var length = user.DisplayName.Length;
        return (await db.Set<Cases.Case>().AsNoTracking().Where(c => c.Pseudonym != null && c.Pseudonym.Length == length)
            .Select(c => c.Pseudonym!).Distinct().ToListAsync()).Any(p => NameFolding.Fold(p) == folded);
    }

    private static async Task<bool> IsNewOrChangedAsync(UserManager<Member> manager, Member user) =>
        await manager.Users.AsNoTracking().Where(m => m.Id == user.Id).Select(m => m.NormalizedDisplayName).FirstOrDefaultAsync()
            != user.NormalizedDisplayName;

    /// <summary>
    /// A new or changed name that folds to a staff member's. A name already stored is left alone (a member named so
    /// before the rule, or before the other became staff, can still sign in and change their password).
    /// </summary>
    private static async Task<bool> PassesForStaffAsync(UserManager<Member> manager, Member user)
    {
        var folded = NameFolding.Fold(user.DisplayName);
        var lookalike = false;
        foreach (var role in new[] { Roles.Moderator, Roles.Administrator })
            lookalike = lookalike || (await manager.GetUsersInRoleAsync(role)).Any(s => s.Id != user.Id && NameFolding.Fold(s.DisplayName) == folded);
        return lookalike && await IsNewOrChangedAsync(manager, user);
    }
}
