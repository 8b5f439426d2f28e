using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// /account/sign-out-everywhere: a new security stamp ends every other session of the member at its next request
/// (<see cref="KnownSecurityStamps"/>); this one is signed in again with the new stamp. Allowed to a suspended member
/// too: it only takes access away.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.SignOutEverywhere)]
public sealed class SignOutEverywhereModel(UserManager<Member> users, SignInManager<Member> signIn, IStringLocalizer<Strings> l,
    ILogger<SignOutEverywhereModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        await users.UpdateSecurityStampAsync(member);
        await signIn.RefreshSignInAsync(member);
        logger.LogInformation("Member {MemberId} signed out their other sessions", member.Id);
        TempData["Status"] = l["Your other sessions are signed out."].Value;
        return RedirectToPage("Index");
    }
}
