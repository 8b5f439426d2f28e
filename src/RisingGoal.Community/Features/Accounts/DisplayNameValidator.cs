using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Runs on every create and update through UserManager: a display name is 2–40 characters and unique whatever its case.
/// The unique index on <see cref="Member.NormalizedDisplayName"/> is the last line of defence against races.
/// </summary>
internal sealed class DisplayNameValidator(IStringLocalizer<Strings> l) : IUserValidator<Member>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user)
    {
        if (user.DisplayName.Length is < Member.DisplayNameMinLength or > Member.DisplayNameMaxLength)
            return IdentityResult.Failed(new IdentityError
            {
                Code = IdentityErrorFields.InvalidDisplayName,
                Description = l["The display name must be between 2 and 40 characters."],
            });
        var taken = await manager.Users.AnyAsync(m => m.NormalizedDisplayName == user.NormalizedDisplayName && m.Id != user.Id);
        return taken
            ? IdentityResult.Failed(new IdentityError
            {
                Code = IdentityErrorFields.DuplicateDisplayName,
                Description = l["This display name is already taken. Please choose another one."],
            })
            : IdentityResult.Success;
    }
}
