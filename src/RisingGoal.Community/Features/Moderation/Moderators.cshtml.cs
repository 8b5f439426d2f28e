using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/admin/moderators: administrators grant and revoke the Moderator role.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
[StaffOnly(Roles.Administrator)]
public sealed class ModeratorsModel(CommunityDbContext db, IStringLocalizer<Strings> l, UserManager<Member> users,
    RoleManager<IdentityRole> roles, TimeProvider clock) : ModeratorPage(db, l)
{
    public IReadOnlyList<Member> Moderators { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Give the member's e-mail address.")]
    [EmailAddress(ErrorMessage = "Give a valid e-mail address.")]
    public string? Email { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        var member = ModelState.IsValid ? await users.FindByEmailAsync(Email!) : null;
        if (ModelState.IsValid && member is null) ModelState.AddModelError(nameof(Email), L["No member has this e-mail address."]);
        if (member is null)
        {
            await LoadAsync();
            return Page();
        }
        if (!await roles.RoleExistsAsync(Roles.Moderator)) await roles.CreateAsync(new IdentityRole(Roles.Moderator));
        if (!await users.IsInRoleAsync(member, Roles.Moderator))
        {
            await users.AddToRoleAsync(member, Roles.Moderator);
            await LogAsync(ModerationAction.GrantModerator, member.Id);
        }
        Tell(ModerationOutcome.Done);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string memberId)
    {
        var member = await users.FindByIdAsync(memberId);
        if (member is null) return NotFound();
        if (await users.IsInRoleAsync(member, Roles.Moderator))
        {
            await users.RemoveFromRoleAsync(member, Roles.Moderator);
            await users.UpdateSecurityStampAsync(member);       // their sessions end at their next request (KnownSecurityStamps)
            await LogAsync(ModerationAction.RevokeModerator, member.Id);
        }
        Tell(ModerationOutcome.Done);
        return RedirectToPage();
    }

    private async Task LogAsync(ModerationAction action, string memberId)
    {
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), action, ModerationTarget.ForMember(memberId), null, null, clock.GetUtcNow().UtcDateTime));
        await Db.SaveChangesAsync();
    }

    private async Task LoadAsync() =>
        Moderators = (await users.GetUsersInRoleAsync(Roles.Moderator)).OrderBy(m => m.DisplayName).ToList();
}
