using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginModel(SignInManager<Member> signIn, IPasswordHasher<Member> hasher, AccountMails mails, RecipientLimits recipients,
    ISuspensionCheck suspensions, ModerationContact moderators, IStringLocalizer<Strings> l, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>A hash of a random password, checked against what was typed when there is no account to check it against.</summary>
    private static string? _dummyHash;

    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Set when the password was right but the address is not confirmed yet: the page offers to resend the link.</summary>
    public bool NeedsConfirmation { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();

        // Every answer below that is not a success looks the same and costs one password hash, so neither the page
        // nor its timing tells whether an account exists or is locked.
        var member = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (member is null)
        {
            SpendHashingWork();
            return Invalid();
        }
        if (await signIn.UserManager.IsLockedOutAsync(member))
        {
            SpendHashingWork();   // Identity refuses a locked account before checking the password
            return await LockedOutAsync(member, ct);
        }

        var result = await signIn.PasswordSignInAsync(member, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Member {MemberId} logged in", member.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("LoginTwoFactor", new { ReturnUrl, Input.RememberMe });
        if (result.IsLockedOut)
            return await LockedOutAsync(member, ct);
        // Identity refuses unconfirmed and suspended members (SuspendedSignIn) before checking the password: only
        // tell those who know the password.
        if (result.IsNotAllowed)
        {
            if (await signIn.UserManager.CheckPasswordAsync(member, Input.Password))
            {
                if (await suspensions.ActiveAsync(member.Id, ct) is { } suspension)
                {
                    logger.LogInformation("Member {MemberId} is suspended: not signed in", member.Id);
                    ModelState.AddModelError("", moderators.After(l["Your account is suspended until {0}, so you cannot sign in. Reason: {1}",
                        Dates.LongWithTime(suspension.EndsUtc), suspension.Reason]));
                    return Page();
                }
                NeedsConfirmation = true;
                ModelState.AddModelError("", l["Please confirm your e-mail address first: open the link we sent you."]);
                return Page();
            }
            await signIn.UserManager.AccessFailedAsync(member);   // guessing stays subject to lockout
        }
        return Invalid();
    }

    /// <summary>Same answer as a wrong password; the owner is told by mail, with a link that unlocks (rate-limited per address).</summary>
    private async Task<IActionResult> LockedOutAsync(Member member, CancellationToken ct)
    {
        logger.LogWarning("Member {MemberId} is locked out", member.Id);
        if (member.EmailConfirmed && (await recipients.TryAcquireAsync(RecipientLimits.Unlock, member.Email!, HttpContext.RequestAborted)).Granted)
            await mails.SendUnlockAsync(member, ct);
        return Invalid();
    }

    private void SpendHashingWork()
    {
        _dummyHash ??= hasher.HashPassword(new Member(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(new Member(), _dummyHash, Input.Password);
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
