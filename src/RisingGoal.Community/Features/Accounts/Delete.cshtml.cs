using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Deletes the account after the password is confirmed, then signs out (rules in README, "Deleting an account").</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]
[Authorize]
public sealed class DeleteModel(UserManager<Member> users, SignInManager<Member> signIn, AccountDeletion deletion,
    IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public DeleteInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (!ModelState.IsValid) return Page();
        if (!await users.CheckPasswordAsync(member, Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Incorrect password."]);
            return Page();
        }

        var result = await deletion.DeleteAsync(member, ct);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        await signIn.SignOutAsync();
        TempData["Status"] = l["Your account has been deleted. Thank you for what you shared."].Value;
        return LocalRedirect("/");
    }
}

public sealed record DeleteInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";
}
