using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/takedown: a public form (no account) to ask for a correction or removal; confirmed by e-mail.</summary>
[EnableRateLimiting(RateLimits.Flag)]
public sealed class TakedownModel(CommunityDbContext db, TimeProvider clock, TakedownMail mail, RecipientLimits recipients, IConfiguration configuration) : PageModel
{
    [BindProperty] public TakedownInput Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await recipients.TryAcquireAsync(RecipientLimits.Takedown, Input.Email, HttpContext.RequestAborted) is (false, var wait)) return RecipientLimits.Refused(HttpContext, wait);
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var (request, token) = TakedownRequest.Submit(Input.Email, Input.Case, Input.Passage, Input.Kind!.Value, Input.Explanation,
            culture, clock.GetUtcNow().UtcDateTime);
        db.Add(request);
        await db.SaveChangesAsync();
        var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
        var queued = mail.QueueConfirmation(request, $"{baseUrl}/takedown/confirm?id={request.Id}&token={token}");
        await db.SaveChangesAsync();
        await mail.SendAsync(queued);
        Sent = true;
        return Page();
    }
}

public sealed class TakedownInput
{
    [Required(ErrorMessage = "Give your e-mail address: the answer is sent there.")]
    [MailAddress(ErrorMessage = "This e-mail address is not valid.")]
    [StringLength(TakedownRequest.EmailMax, ErrorMessage = "Keep it under {1} characters.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Give the address or the number of the case.")]
    [StringLength(TakedownRequest.ReferenceMax, ErrorMessage = "Keep it under {1} characters.")]
    public string Case { get; set; } = "";

    [Required(ErrorMessage = "Quote the passage concerned.")]
    [StringLength(TakedownRequest.PassageMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Passage { get; set; } = "";

    [Required(ErrorMessage = "Choose a correction or a removal.")]
    public TakedownKind? Kind { get; set; }

    [Required(ErrorMessage = "Explain why.")]
    [StringLength(TakedownRequest.ExplanationMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Explanation { get; set; } = "";
}
