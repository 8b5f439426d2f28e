using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Features.Accounts;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]
[Authorize]
public sealed class DisplayNameModel(UserManager<Member> users, SignInManager<Member> signIn, WritePolicy writes, IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public DisplayNameInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        Input = new DisplayNameInput { DisplayName = member.DisplayName };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();
        // The name is shown on every post of theirs: a suspended member changes it no more than they post.
        if (!(await writes.CheckAsync(member.Id, ct)).Report(ModelState)) return Page();
        if (Member.IsReservedDisplayName(Input.DisplayName) && Member.NormalizeDisplayName(Input.DisplayName) != member.NormalizedDisplayName)
            ModelState.AddModelError("Input.DisplayName", l["This display name is reserved. Please choose another one."]);
        if (!ModelState.IsValid) return Page();

        member.DisplayName = Input.DisplayName;
        var result = await users.UpdateAsync(member);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        await signIn.RefreshSignInAsync(member);
        TempData["Status"] = l["Your display name has been changed."].Value;
        return RedirectToPage("Index");
    }
}

public sealed record DisplayNameInput
{
    [Required(ErrorMessage = "Choose a display name.")]
    [StringLength(Member.DisplayNameMaxLength, MinimumLength = Member.DisplayNameMinLength, ErrorMessage = "The display name must be between 2 and 40 characters.")]
    public string DisplayName { get; init; } = "";
}
