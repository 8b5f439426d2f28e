using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Same answer whether or not the address belongs to an account, so the page reveals nothing.</summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(UserManager<Member> users, AccountMails mails, RecipientLimits recipients,
    IStringLocalizer<Strings> l, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty] public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (await recipients.TryAcquireAsync(RecipientLimits.AccountMail, Input.Email, HttpContext.RequestAborted) is (false, var wait)) return RecipientLimits.Refused(HttpContext, wait);
        var member = await users.FindByEmailAsync(Input.Email.Trim());
        if (member is null)
            logger.LogInformation("Password reset asked for an unknown address");
        else if (!member.EmailConfirmed)
            await mails.SendConfirmationAsync(member, ct);   // they cannot log in anyway before confirming
        else
            await mails.SendPasswordResetAsync(member, ct);
        TempData["Status"] = l["If an account uses this address, we have sent it a link to choose a new password."].Value;
        return RedirectToPage("Login");
    }
}
