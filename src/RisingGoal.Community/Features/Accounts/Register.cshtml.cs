using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Accounts;

[EnableRateLimiting(RateLimits.Register)]
public sealed class RegisterModel(UserManager<Member> users, AccountMails mails, CommunityDbContext db, RecipientLimits recipients, TimeProvider clock,
    Digests.DigestPreferences digests, IStringLocalizer<Strings> l, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty] public RegisterInput Input { get; set; } = new();

    /// <summary>Where the confirmation link brings the new member back, signed in (a local URL, else the account page).</summary>
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() => Input = new RegisterInput { PreferredCulture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Input.Website))
        {
            // A bot filled the invisible field: answer exactly as for a real sign-up, create nothing.
            logger.LogInformation("Registration ignored: honeypot field filled");
            return Done();
        }
        if (!LocalizationSetup.IsSupported(Input.PreferredCulture))
            ModelState.AddModelError("Input.PreferredCulture", l["Choose French or English."]);
        if (Member.IsReservedDisplayName(Input.DisplayName))
            ModelState.AddModelError("Input.DisplayName", l["This display name is reserved. Please choose another one."]);
        if (!ModelState.IsValid) return Page();
        if (await recipients.TryAcquireAsync(RecipientLimits.AccountMail, Input.Email, HttpContext.RequestAborted) is (false, var wait)) return RecipientLimits.Refused(HttpContext, wait);

        // The account, its role and its confirmation mail are one transaction: a sign-up that fails leaves nothing behind.
        var member = Member.Create(Input.Email, Input.DisplayName, Input.PreferredCulture, clock.GetUtcNow().UtcDateTime);
        var addressTaken = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var result = await users.CreateAsync(member, Input.Password);
            // An address that already has an account gets exactly the answer a new one would (other errors still show):
            // only its owner learns of the attempt, by mail.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail)))
            {
                var others = result.Errors.Where(e => e.Code != nameof(IdentityErrorDescriber.DuplicateEmail)).ToArray();
                addressTaken = others.Length == 0;
                result = IdentityResult.Failed(others);
            }
            if (!addressTaken)
            {
                if (result.Succeeded) result = await users.AddToRoleAsync(member, Roles.Member);
                if (!result.Succeeded)
                {
                    ModelState.AddIdentityErrors(result);
                    return Page();
                }
                if (Input.WeeklyDigest)
                    await digests.AcceptOfferAsync(member.Id, [], ct);   // ticked, never by default: every tag, weekly
                await mails.SendConfirmationAsync(member, ct, ReturnUrls.Safe(Url, ReturnUrl));
                await transaction.CommitAsync(ct);
            }
        }
        if (addressTaken)
        {
            await TellOwnerAsync(ct);
            return Done();
        }
        mails.WakeCommitted();   // sent in the background: the answer never waits on the mail server
        logger.LogInformation("Member {MemberId} registered", member.Id);
        return Done();
    }

    private async Task TellOwnerAsync(CancellationToken ct)
    {
        if (await users.FindByEmailAsync(Input.Email.Trim()) is not { } owner) return;
        logger.LogInformation("Registration with the address of member {MemberId}: the owner is told", owner.Id);
        if (owner.EmailConfirmed)
            await mails.SendRegistrationAttemptAsync(owner, ct);
        else
            await mails.SendConfirmationAsync(owner, ct);   // not confirmed yet: the owner may simply have lost the link
    }

    private IActionResult Done()
    {
        TempData["Status"] = l["Almost there: we sent you an e-mail with a link to confirm your address. Open it, then log in."].Value;
        return RedirectToPage("Login", new { ReturnUrl = ReturnUrls.Safe(Url, ReturnUrl) });
    }
}

public sealed record RegisterInput : NewPasswordInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [MailAddress(ErrorMessage = "Enter a valid e-mail address, like name@example.org.")]
    [StringLength(256, ErrorMessage = "The e-mail address is too long (256 characters at most).")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Choose a display name.")]
    [StringLength(Member.DisplayNameMaxLength, MinimumLength = Member.DisplayNameMinLength, ErrorMessage = "The display name must be between 2 and 40 characters.")]
    public string DisplayName { get; init; } = "";

    public string PreferredCulture { get; init; } = "fr";

    /// <summary>A weekly digest from the start (off unless ticked).</summary>
    public bool WeeklyDigest { get; init; }

    /// <summary>Honeypot: hidden from people, filled by naive bots.</summary>
    public string? Website { get; init; }
}
