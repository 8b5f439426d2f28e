using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// POST /cases/preview: the rendered body and the privacy findings as an HTML fragment, for case-editor.js.
/// Antiforgery-protected like every Razor Pages POST.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Preview)]
public sealed class PreviewModel(CaseForm form) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public SafeHtml Html { get; private set; }
    public IReadOnlyList<PrivacyFinding> Findings { get; private set; } = [];

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var tags = await form.TagsAsync(ct);
        Html = new SafeHtml(form.Render(Input.Body).Html);
        Findings = form.Findings(Input, tags);
        return Page();
    }
}
