using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>The code from the authenticator app (or a link to <see cref="LoginRecoveryCodeModel"/>).</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginTwoFactorModel(SignInManager<Member> signIn, IStringLocalizer<Strings> l, ILogger<LoginTwoFactorModel> logger)
    : SecondFactorPage(signIn, l, logger)
{
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }

    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code) =>
        SignInManager.TwoFactorAuthenticatorSignInAsync(TwoFactorModel.Normalize(code), RememberMe, rememberClient: false);
}
