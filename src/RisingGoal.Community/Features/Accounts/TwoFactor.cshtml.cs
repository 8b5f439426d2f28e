using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's authenticator token provider) and recovery codes.
/// Optional for members, required for staff (see <see cref="StaffAccess"/>). The QR code is SVG drawn by the view from <see cref="QrCodeShape"/>,
/// so the page needs no script and no data: image.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]
[Authorize]
public sealed class TwoFactorModel(UserManager<Member> users, SignInManager<Member> signIn, IStringLocalizer<Strings> l,
    ILogger<TwoFactorModel> logger) : PageModel
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Rising Goal Community";

    [BindProperty] public TwoFactorInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool IsEnabled { get; private set; }
    public bool IsStaff { get; private set; }
    public bool SignedInWithSecondFactor => User.SignedInWithSecondFactor();
    /// <summary>The key to type into the app, in groups of four.</summary>
    public string SharedKey { get; private set; } = "";
    /// <summary>Raw key (for tests and apps that take it unformatted) and the QR code of the otpauth URI.</summary>
    public string RawKey { get; private set; } = "";
    public QrCodeShape QrCode { get; private set; } = new(0, "");
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Shown once, on the response that generated them.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];
    public string? SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        if (ModelState.IsValid && !await users.VerifyTwoFactorTokenAsync(member, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(Input.Code)))
            ModelState.AddModelError("Input.Code", l["This code is not valid. Check the time on your phone and type the current code."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(member);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(member, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodeCount))?.ToList() ?? [];
        // The code just typed is the second factor: this session now counts as a two-factor sign-in.
        await SignInAgainAsync(member, StaffAccess.SecondFactor);
        logger.LogInformation("Member {MemberId} enabled two-factor sign-in", member.Id);
        TempData["Status"] = l["Two-factor sign-in is on."].Value;
        await LoadAsync(member);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        ModelState.Clear();
        if (await users.GetTwoFactorEnabledAsync(member))
            NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodeCount))?.ToList() ?? [];
        await LoadAsync(member);
        return Page();
    }

    /// <summary>Turning the second factor off asks for the password: a session left open must not be enough.</summary>
    public async Task<IActionResult> OnPostDisableAsync([Bind(Prefix = "Off")] TwoFactorOffInput off)
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        ModelState.Clear();
        if (string.IsNullOrEmpty(off.Password) || !await users.CheckPasswordAsync(member, off.Password))
        {
            ModelState.AddModelError("Off.Password", l[string.IsNullOrEmpty(off.Password) ? "Enter your current password." : "Incorrect password."]);
            await LoadAsync(member);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);   // a later set-up starts from a new key
        await SignInAgainAsync(member, "pwd");           // the session no longer counts as two-factor
        logger.LogInformation("Member {MemberId} disabled two-factor sign-in", member.Id);
        TempData["Status"] = l["Two-factor sign-in is off."].Value;
        return RedirectToPage();
    }

    private async Task SignInAgainAsync(Member member, string method)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        await signIn.SignInWithClaimsAsync(member, current.Properties?.IsPersistent ?? false, [new Claim(StaffAccess.MethodClaim, method)]);
    }

    private async Task LoadAsync(Member member)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(member);
        IsStaff = StaffAccess.StaffRoles.Any(User.IsInRole);
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(member);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(member);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(member);
            await signIn.RefreshSignInAsync(member);   // a new key is a new security stamp: this session keeps up with it
            key = await users.GetAuthenticatorKeyAsync(member) ?? "";
        }
        RawKey = key;
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(member.Email ?? member.Id)}" +
                  $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        QrCode = QrCodeShape.Of(uri);
    }

    /// <summary>Apps show codes as "123 456": spaces and hyphens are dropped.</summary>
    public static string Normalize(string? code) => (code ?? "").Replace(" ", "").Replace("-", "");
}

public sealed record TwoFactorInput
{
    [Required(ErrorMessage = "Enter the 6-digit code shown by your app.")]
    [StringLength(12, ErrorMessage = "Enter the 6-digit code shown by your app.")]
    public string Code { get; init; } = "";
}

public sealed record TwoFactorOffInput
{
    [DataType(DataType.Password)]
    public string Password { get; init; } = "";
}
