using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Second step of a sign-in for members with two-factor on: the password was right (Identity's two-factor cookie says
/// who), now a code. Without that cookie the visitor goes back to the login page. Rate-limited like the login.
/// </summary>
public abstract class SecondFactorPage(SignInManager<Member> signIn, IStringLocalizer<Strings> l, ILogger logger) : PageModel
{
    [BindProperty] public SecondFactorInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    protected SignInManager<Member> SignInManager => signIn;

    /// <summary>Checks the code and signs in (with the "mfa" method claim) when it is right.</summary>
    protected abstract Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code);

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } member) return RedirectToPage("Login");
        if (!ModelState.IsValid) return Page();
        var result = await SignInWithAsync(Input.Code);
        if (result.Succeeded)
        {
            logger.LogInformation("Member {MemberId} logged in with a second factor", member.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? l["Too many failed attempts. Please try again later."]
            : l["This code is not valid."]);
        return Page();
    }
}

public sealed record SecondFactorInput
{
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(20, ErrorMessage = "This code is not valid.")]
    public string Code { get; init; } = "";
}
