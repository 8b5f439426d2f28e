using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[Authorize]
[EnableRateLimiting(RateLimits.Post)]
public sealed class NewModel(CommunityDbContext db, CaseForm form, TimeProvider clock, TrustPolicy trust,
    ISuspensionCheck suspensions, WritePolicy writes) : PageModel, ICaseFormPage
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public CaseFormView View { get; private set; } = new([], [], null);

    /// <summary>The suspension in force for the signed-in member: they are told until when and why, and cannot publish.</summary>
    public SuspensionNotice? Suspension { get; private set; }

    /// <param name="drift">A drift-type slug to tick at once (from an empty matrix cell), with <paramref name="tension"/>.</param>
    public async Task OnGetAsync(string? drift, string? tension, CancellationToken ct)
    {
        Suspension = await suspensions.ActiveAsync(User.MemberId()!, ct);
        Input.Sections.Language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";
        View = new CaseFormView(await form.TagsAsync(ct), [], null);
        Input.DriftTagIds = View.Of(Taxonomy.TagKind.DriftType).Where(t => t.Slug == drift).Select(t => t.Id).ToList();
        Input.TensionTagIds = View.Of(Taxonomy.TagKind.Tension).Where(t => t.Slug == tension).Select(t => t.Id).ToList();
    }

    /// <summary>The no-JavaScript preview: re-displays the form with the rendered body and the privacy findings.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        View = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);   // no error messages yet, but why the body cannot be previewed
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? replace, CancellationToken ct)
    {
        if (replace is not null)
        {
            View = await form.ReplaceAsync(Input, replace, ModelState, ct);
            return Page();
        }
        var me = User.MemberId()!;
        View = await form.ValidateAsync(Input, ModelState, withPreview: false, ct);
        await form.CheckPseudonymAsync(Input, ModelState, ct);   // only here: a case keeps the pseudonym it was published under
        var decision = await writes.CheckAsync(me, ct, Input.Title, Input.Summary, Input.Body, Input.Outcome, Input.OpenQuestion);
        Suspension = decision.Suspension;
        if (!decision.Report(ModelState, "Input.Body") || !ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var @case = Case.Publish(me, Input.ToText(), View.Rendered!, Input.ToContext(),
            Input.Pseudonym, Input.Visibility, Input.MembersOnlyUntilUtc, Input.AllTagIds, now);
        await trust.ApplyAsync(@case, me, ct);   // a new member's first cases wait for a moderator
        db.Add(@case);
        await db.SaveChangesAsync(ct);
        return Redirect(CaseUrls.Read(@case.Id, @case.Slug));
    }
}
