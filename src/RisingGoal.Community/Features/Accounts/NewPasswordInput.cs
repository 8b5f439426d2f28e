using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// A new password typed twice, as sign-up and the reset link ask for it: its rules and messages are written once here.
/// The form that inherits it lists its own fields first (the error summary follows that order).
/// </summary>
public abstract record NewPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, ErrorMessage = "The password is too long (200 characters at most).")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; init; } = "";
}
