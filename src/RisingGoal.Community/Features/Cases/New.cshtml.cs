using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[Authorize]
[EnableRateLimiting(RateLimits.Post)]
public sealed class NewModel(CommunityDbContext db, CaseForm form, CaseLabels labels, TimeProvider clock) : PageModel, ICaseFormPage
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public CaseFormView View { get; private set; } = new([], [], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input.Body = labels.BodyTemplate();
        View = new CaseFormView(await form.TagsAsync(ct), [], null);
    }

    /// <summary>The no-JavaScript preview: re-displays the form with the rendered body and the privacy findings.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        View = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);
        ModelState.Clear();   // a preview is not a submission: no error messages yet
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        View = await form.ValidateAsync(Input, ModelState, withPreview: false, ct);
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var @case = Case.Publish(User.MemberId()!, Input.ToText(), form.Render(Input.Body), Input.ToContext(),
            Input.Pseudonym, Input.Visibility, Input.MembersOnlyUntilUtc, Input.AllTagIds, now);
        db.Add(@case);
        await db.SaveChangesAsync(ct);
        return Redirect(CaseUrls.Read(@case.Id, @case.Slug));
    }
}
