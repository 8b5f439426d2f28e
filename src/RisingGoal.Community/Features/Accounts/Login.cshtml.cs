using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<Member> signIn, IStringLocalizer<Strings> l, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set when the password was right but the address is not confirmed yet: the page offers to resend the link.</summary>
    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var member = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (member is null)
            return Invalid();

        var result = await signIn.PasswordSignInAsync(member, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Member {MemberId} logged in", member.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl, Input.RememberMe });
        if (result.IsLockedOut)
        {
            logger.LogWarning("Member {MemberId} is locked out", member.Id);
            ModelState.AddModelError("", l["Too many failed attempts: this account is locked for a while. Please try again later (about 15 minutes)."]);
            return Page();
        }
        // Identity refuses unconfirmed members before checking the password: only tell those who know the password.
        if (result.IsNotAllowed)
        {
            if (await signIn.UserManager.CheckPasswordAsync(member, Input.Password))
            {
                NeedsConfirmation = true;
                ModelState.AddModelError("", l["Please confirm your e-mail address first: open the link we sent you."]);
                return Page();
            }
            await signIn.UserManager.AccessFailedAsync(member);   // guessing stays subject to lockout
        }
        return Invalid();
    }

    private PageResult Invalid()
    {
        ModelState.AddModelError("", l["Incorrect e-mail address or password."]);
        return Page();
    }
}

public sealed record LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.org.")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";

    public bool RememberMe { get; init; }
}
