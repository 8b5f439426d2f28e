using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// POST /cases/preview: the rendered body and the privacy findings as an HTML fragment, for case-editor.js.
/// Antiforgery-protected like every Razor Pages POST.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Preview)]
public sealed class PreviewModel(CaseForm form, IStringLocalizer<Strings> S) : PageModel
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public SafeHtml Html { get; private set; }
    public CaseFormView View { get; private set; } = new([], [], null);

    /// <summary>Why there is no preview (a text over its length, a body the Markdown guard refuses), else null.</summary>
    public string? Problem { get; private set; }

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var view = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);   // lengths first, then the guarded renderer
        Html = view.Preview ?? default;
        View = view;
        Problem = ModelState["Input.Body"]?.Errors.FirstOrDefault()?.ErrorMessage
                  ?? (Input.FitsLimits() ? null : S["The text is too long to preview."].Value);
        return Page();
    }
}
