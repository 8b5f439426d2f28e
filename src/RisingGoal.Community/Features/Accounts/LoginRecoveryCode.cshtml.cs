using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>One of the recovery codes shown when two-factor sign-in was turned on (each works once).</summary>
[EnableRateLimiting(RateLimits.Login)]
public sealed class LoginRecoveryCodeModel(SignInManager<Member> signIn, IStringLocalizer<Strings> l, ILogger<LoginRecoveryCodeModel> logger)
    : SecondFactorPage(signIn, l, logger)
{
    protected override Task<Microsoft.AspNetCore.Identity.SignInResult> SignInWithAsync(string code) =>
        SignInManager.TwoFactorRecoveryCodeSignInAsync(code.Replace(" ", ""));
}
