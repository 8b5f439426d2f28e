using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]
[Authorize]
public sealed class PasswordModel(UserManager<Member> users, SignInManager<Member> signIn, IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(member, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(member);
        TempData["Status"] = l["Your password has been changed."].Value;
        return RedirectToPage("Index");
    }
}

public sealed record PasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    public string CurrentPassword { get; init; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, ErrorMessage = "The password is too long (200 characters at most).")]
    [DataType(DataType.Password)]
    public string NewPassword { get; init; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
    [DataType(DataType.Password)]
    public string ConfirmPassword { get; init; } = "";
}
