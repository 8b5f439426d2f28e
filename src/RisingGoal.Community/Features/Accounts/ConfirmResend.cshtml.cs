using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Sends the confirmation link again. Same answer whether or not the address has an unconfirmed account.</summary>
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ConfirmResendModel(UserManager<Member> users, AccountMails mails, RecipientLimits recipients, IStringLocalizer<Strings> l) : PageModel
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
        if (member is { EmailConfirmed: false })
            await mails.SendConfirmationAsync(member, ct);
        TempData["Status"] = l["If an account waits for confirmation at this address, we have just sent it a new link."].Value;
        return RedirectToPage("Login");
    }
}

public sealed record EmailInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [MailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.org.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long (256 characters at most).")]
    public string Email { get; init; } = "";
}
