using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>/account/confirm?userId=&amp;code= : the link of the confirmation e-mail.</summary>
public sealed class ConfirmModel(UserManager<Member> users, ILogger<ConfirmModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var member = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (member is null || string.IsNullOrEmpty(code)) return;
        if (member.EmailConfirmed)
        {
            Confirmed = true;
            return;
        }
        Confirmed = (await users.ConfirmEmailAsync(member, AccountMails.Decode(code))).Succeeded;
        if (Confirmed) logger.LogInformation("Member {MemberId} confirmed their e-mail address", member.Id);
    }
}
