using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Identity's error messages in the reader's language (English keys, French in Strings.fr.resx).
/// Codes are Identity's own, so <see cref="IdentityErrorFields"/> can put each message at its field.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Strings> l) : IdentityErrorDescriber
{
    private IdentityError Error(string code, LocalizedString message) => new() { Code = code, Description = message.Value };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["An unknown error occurred. Please try again."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), l["Your account was changed meanwhile. Please reload the page and try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Incorrect password."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), l["This link is invalid or has expired. Please ask for a new one."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), l["This recovery code is not valid."]);
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), l["This external login is already linked to another account."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["This user name is not valid."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["Enter a valid e-mail address, like name@example.org."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["This user name is already taken."]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["This e-mail address is already used by an account."]);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), l["This role name is not valid."]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), l["This role already exists."]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), l["This account already has a password."]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), l["Lockout is not enabled for this account."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["This account already has the role {0}.", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), l["This account does not have the role {0}.", role]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["The password must be at least {0} characters long.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), l["The password must use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), l["The password must contain at least one character that is neither a letter nor a digit."]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["The password must contain at least one digit (0-9)."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["The password must contain at least one lower-case letter (a-z)."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["The password must contain at least one upper-case letter (A-Z)."]);
}
