using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// /account/confirm?userId=&amp;code=[&amp;returnUrl=] : the link of the confirmation e-mail. The click that confirms
/// the address also signs the member in and brings them back where they were (a local URL only); the link signs in
/// once: opened again, it only says the address is confirmed.
/// </summary>
public sealed class ConfirmModel(UserManager<Member> users, SignInManager<Member> signIn, IStringLocalizer<Strings> l, ILogger<ConfirmModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        var member = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (member is null || string.IsNullOrEmpty(code)) return Page();
        if (member.EmailConfirmed)
        {
            Confirmed = true;   // used already: no second sign-in from the same link
            return Page();
        }
        Confirmed = (await users.ConfirmEmailAsync(member, AccountMails.Decode(code))).Succeeded;
        if (!Confirmed) return Page();
        logger.LogInformation("Member {MemberId} confirmed their e-mail address", member.Id);
        // Not for a member suspended before confirming (SuspendedSignIn): confirmed, but no session.
        if (member.TwoFactorEnabled || await users.IsLockedOutAsync(member) || !await signIn.CanSignInAsync(member)) return Page();
        await signIn.SignInAsync(member, isPersistent: false);
        logger.LogInformation("Member {MemberId} signed in by confirming their address", member.Id);
        TempData["Status"] = l["Your e-mail address is confirmed and you are signed in. Welcome!"].Value;
        return LocalRedirect(ReturnUrls.Safe(Url, returnUrl) ?? "/account");
    }
}
