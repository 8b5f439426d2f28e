using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>/account/reset-password?code=… from the reset e-mail: the member types their address and a new password.</summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ResetPasswordModel(UserManager<Member> users, IStringLocalizer<Strings> l, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty] public ResetPasswordInput Input { get; set; } = new();

    public IActionResult OnGet(string? code)
    {
        if (string.IsNullOrEmpty(code)) return NotFound();
        Input = new ResetPasswordInput { Code = code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var member = await users.FindByEmailAsync(Input.Email.Trim());
        var result = member is null
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
            : await users.ResetPasswordAsync(member, AccountMails.Decode(Input.Code), Input.Password);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        await users.SetLockoutEndDateAsync(member!, null);
        logger.LogInformation("Member {MemberId} reset their password", member!.Id);
        TempData["Status"] = l["Your password has been changed. You can log in with the new one."].Value;
        return RedirectToPage("Login");
    }
}

public sealed record ResetPasswordInput : NewPasswordInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.org.")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "This link is invalid or has expired. Please ask for a new one.")]
    public string Code { get; init; } = "";
}
