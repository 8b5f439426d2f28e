using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Saves the member's language (for e-mails) and switches the site to it at once.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]
[Authorize]
public sealed class LanguageModel(UserManager<Member> users) : PageModel
{
    [BindProperty] public LanguageInput Input { get; set; } = new();

    public IActionResult OnGet() => RedirectToPage("Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        if (!LocalizationSetup.IsSupported(Input.Culture)) return RedirectToPage("Index");

        member.PreferredCulture = Input.Culture;
        var result = await users.UpdateAsync(member);
        if (result.Succeeded)
            LocalizationSetup.WriteCultureCookie(Response, Input.Culture, Request.IsHttps);
        return RedirectToPage("Index");
    }
}

public sealed record LanguageInput
{
    public string Culture { get; init; } = "";
}
