using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/flag/{kind}/{id}: a signed-in member reports a case or a reply, once.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Flag)]
public sealed class FlagPageModel(FlagService flags, WritePolicy writes, IStringLocalizer<Strings> l) : PageModel
{
    public string CaseTitle { get; private set; } = "";
    public bool AlreadyFlagged { get; private set; }
    /// <summary>The signed-in member wrote the item: authors cannot flag their own posts.</summary>
    public bool OwnPost { get; private set; }
    public TargetKind Kind { get; private set; }

    [BindProperty] public FlagInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string kind, int id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id)
    {
        if (!await LoadAsync(kind, id)) return NotFound();
        if (AlreadyFlagged || OwnPost) return Page();
        if (!(await writes.CheckAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, HttpContext.RequestAborted)).Report(ModelState))
            return Page();
        if (Input.Reason == FlagReason.Other && string.IsNullOrWhiteSpace(Input.Text))
            ModelState.AddModelError("Input.Text", l["Explain what is wrong when you choose \"Other\"."]);
        if (!ModelState.IsValid) return Page();

        var outcome = await flags.FlagAsync(Kind, id, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Input.Reason!.Value, Input.Text);
        TempData["Status"] = outcome switch
        {
            FlagOutcome.AlreadyFlagged => l["You have already flagged this."].Value,
            FlagOutcome.OwnPost => l["You cannot flag your own post."].Value,
            _ => l["Thank you: moderators will review it."].Value,
        };
        return RedirectToPage(new { kind, id });
    }

    private async Task<bool> LoadAsync(string kind, int id)
    {
        Kind = kind switch { "case" => TargetKind.Case, "reply" => TargetKind.Reply, _ => 0 };
        if (Kind == 0) return false;
        var target = await flags.FindTargetAsync(Kind, id);
        if (target is null) return false;
        CaseTitle = target.Title;
        OwnPost = target.AuthorId == User.FindFirstValue(ClaimTypes.NameIdentifier);
        AlreadyFlagged = await flags.HasFlaggedAsync(Kind, id, User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        return true;
    }
}

public sealed class FlagInput
{
    [Required(ErrorMessage = "Choose a reason.")]
    public FlagReason? Reason { get; set; }
    [StringLength(Flag.TextMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }
}
