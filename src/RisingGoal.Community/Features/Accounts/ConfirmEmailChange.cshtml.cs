using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>/account/confirm-email-change?userId=&amp;email=&amp;code= : applies the new address (the token is bound to it).</summary>
public sealed class ConfirmEmailChangeModel(UserManager<Member> users, SignInManager<Member> signIn, AccountMails mails,
    ILogger<ConfirmEmailChangeModel> logger) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code, CancellationToken ct)
    {
        var member = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (member is null || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(code)) return;

        var previousEmail = member.Email;
        var result = await users.ChangeEmailAsync(member, email, AccountMails.Decode(code));
        Changed = result.Succeeded;
        if (!Changed) return;
        logger.LogInformation("Member {MemberId} changed their e-mail address", member.Id);
        if (!string.IsNullOrEmpty(previousEmail))
            await mails.SendEmailChangedNoticeAsync(member, previousEmail, ct);
        // The security stamp changed: keep the current browser signed in if it is this member's.
        if (User.MemberIdOrNull() == member.Id)
            await signIn.RefreshSignInAsync(member);
    }
}
