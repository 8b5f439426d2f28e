using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The link of the lockout mail. Opening it (GET) changes nothing, since mail scanners open links; the button (POST)
/// unlocks. The signed token is tied to the security stamp, which unlocking renews: the link works once.
/// </summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class UnlockModel(UserManager<Member> users, ILogger<UnlockModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public bool Unlocked { get; private set; }
    public bool Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var member = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        if (member is null || !await users.VerifyUserTokenAsync(member, TokenOptions.DefaultProvider, AccountMails.UnlockPurpose, AccountMails.Decode(Code)))
        {
            Refused = true;
            return Page();
        }
        await users.SetLockoutEndDateAsync(member, null);
        await users.ResetAccessFailedCountAsync(member);
        await users.UpdateSecurityStampAsync(member);   // spends the link (and ends other sessions)
        logger.LogInformation("Member {MemberId} unlocked their account from the mailed link", member.Id);
        Unlocked = true;
        return Page();
    }
}
