using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>Asks for a new address; nothing changes until the link sent to that new address is opened.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.EmailChange)]
public sealed class EmailModel(UserManager<Member> users, AccountMails mails, WritePolicy writes, RecipientLimits recipients, IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public ChangeEmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        CurrentEmail = member.Email ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        CurrentEmail = member.Email ?? "";
        // A suspended member cannot move the account to another address (nor send mail through the site) meanwhile.
        if (!(await writes.CheckAsync(member.Id, ct)).Report(ModelState) || !ModelState.IsValid) return Page();

        var newEmail = Input.NewEmail.Trim();
        if (!await users.CheckPasswordAsync(member, Input.Password))
            ModelState.AddModelError("Input.Password", l["Incorrect password."]);
        else if (string.Equals(newEmail, member.Email, StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError("Input.NewEmail", l["This is already your address."]);
        if (!ModelState.IsValid) return Page();
        if (await recipients.TryAcquireAsync(RecipientLimits.AccountMail, newEmail, HttpContext.RequestAborted) is (false, var wait)) return RecipientLimits.Refused(HttpContext, wait);

        // An address that has an account gets the same answer as a free one, so this page cannot be used to find out
        // who is a member; only the owner of that address is told, with nothing the requester typed.
        if (await users.FindByEmailAsync(newEmail) is { } owner)
            await mails.SendEmailChangeAttemptAsync(owner, ct);
        else
            await mails.SendEmailChangeAsync(member, newEmail, ct);
        TempData["Status"] = l["We sent a confirmation link to {0}. Your address changes once you open it.", newEmail].Value;
        return RedirectToPage("Index");
    }
}

public sealed record ChangeEmailInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [MailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.org.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long (256 characters at most).")]
    public string NewEmail { get; init; } = "";

    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";
}
