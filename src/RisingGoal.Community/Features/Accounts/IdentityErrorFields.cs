using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Puts each Identity error at the form field it is about, so the reader sees it next to what to fix.</summary>
public static class IdentityErrorFields
{
    public const string DuplicateDisplayName = nameof(DuplicateDisplayName);
    public const string InvalidDisplayName = nameof(InvalidDisplayName);

    /// <param name="modelState">The page's model state.</param>
    /// <param name="result">A failed Identity result.</param>
    /// <param name="passwordField">Where password rule errors go (e.g. "Input.Password" or "Input.NewPassword").</param>
    /// <param name="prefix">Prefix of the other fields ("Input").</param>
    public static void AddIdentityErrors(this ModelStateDictionary modelState, IdentityResult result,
        string passwordField = "Input.Password", string prefix = "Input")
    {
        foreach (var error in result.Errors)
            modelState.AddModelError(FieldFor(error.Code, passwordField, prefix), error.Description);
    }

    internal static string FieldFor(string code, string passwordField, string prefix) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) && code != nameof(IdentityErrorDescriber.PasswordMismatch) => passwordField,
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.InvalidEmail) => $"{prefix}.Email",
        DuplicateDisplayName or InvalidDisplayName => $"{prefix}.DisplayName",
        _ => "",
    };
}
