using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[Authorize]
[EnableRateLimiting(RateLimits.Post)]
public sealed class NewModel(CommunityDbContext db, CaseForm form, TimeProvider clock, TrustPolicy trust,
    ISuspensionCheck suspensions, WritePolicy writes, Drafts drafts) : PageModel, ICaseFormPage
{
    [BindProperty] public CaseInput Input { get; set; } = new();

    public CaseFormView View { get; private set; } = new([], [], null);

    /// <summary>The suspension in force for the signed-in member: they are told until when and why, and cannot publish.</summary>
    public SuspensionNotice? Suspension { get; private set; }

    /// <summary>The moderator's reason, when this draft is a rejected case returned to its author.</summary>
    public string? ReturnedReason { get; private set; }

    /// <summary>When the draft this page reopened was last saved (from "My drafts"), else null: said above the form.</summary>
    public DateTime? ResumedDraftSavedUtc { get; private set; }

    /// <summary>A case under the member's name would wait for a moderator (a new member's first case): told before they write.</summary>
    public bool ReadBeforePublished { get; private set; }

    /// <summary>
    /// A case under a new pseudonym would wait for a moderator: a pseudonym starts with no record of its own, so even a
    /// trusted member's does (<see cref="TrustPolicy"/>). Told at the field, and the button follows what is typed in it.
    /// </summary>
    public bool ReadBeforePublishedUnderPseudonym { get; private set; }

    /// <summary>Whether the case as typed (under its name or a pseudonym) goes to a moderator: the button says so.</summary>
    public bool SendsForReview => string.IsNullOrWhiteSpace(Input.Pseudonym) ? ReadBeforePublished : ReadBeforePublishedUnderPseudonym;

    /// <param name="drift">A drift-type slug to tick at once (from an empty matrix cell), with <paramref name="tension"/>.</param>
    /// <param name="draft">A saved draft of this member to reopen (someone else's answers 404).</param>
    public async Task<IActionResult> OnGetAsync(string? drift, string? tension, Guid? draft, CancellationToken ct)
    {
        Suspension = await suspensions.ActiveAsync(User.MemberId()!, ct);
        await ReadTrustAsync(User.MemberId()!, ct);
        if (draft is { } id)
        {
            if (await drafts.FindAsync(id, User.MemberId()!, ct) is not { } saved) return NotFound();
            Input = saved.Read();
            ReturnedReason = saved.ModeratorReason;
            ResumedDraftSavedUtc = saved.UpdatedUtc;
            View = new CaseFormView(await form.TagsAsync(ct), [], null);
            return Page();
        }
        Input.DraftId = Guid.NewGuid();   // autosave and "Save draft" write into this one draft
        Input.Sections.Language = await StartingLanguageAsync(User.MemberId()!, ct);
        View = new CaseFormView(await form.TagsAsync(ct), [], null);
        Input.DriftTagIds = View.Of(Taxonomy.TagKind.DriftType).Where(t => t.Slug == drift).Select(t => t.Id).ToList();
        Input.TensionTagIds = View.Of(Taxonomy.TagKind.Tension).Where(t => t.Slug == tension).Select(t => t.Id).ToList();
        return Page();
    }

    /// <summary>
    /// What a new case starts in: the language of the member's latest case, since people keep writing in theirs whatever
    /// the interface's; for a first case, the interface's. The composer shows both choices first.
    /// </summary>
    private async Task<string> StartingLanguageAsync(string me, CancellationToken ct) =>
        await db.Set<Case>().Where(c => c.AuthorId == me).OrderByDescending(c => c.CreatedUtc).Select(c => c.Language)
            .FirstOrDefaultAsync(ct) ?? CaseLanguages.OfInterface();

    /// <summary>A form posted back keeps its draft (and the moderator's reason when it was returned).</summary>
    private async Task KeepDraftAsync(CancellationToken ct)
    {
        Input.DraftId ??= Guid.NewGuid();
        ReturnedReason = (await drafts.FindAsync(Input.DraftId.Value, User.MemberId()!, ct))?.ModeratorReason;
        await ReadTrustAsync(User.MemberId()!, ct);
    }

    /// <summary>The rule <see cref="OnPostAsync"/> applies (<see cref="TrustPolicy.ApplyAsync(Case, string, CancellationToken)"/>), under either name, so that the page says what its button does.</summary>
    private async Task ReadTrustAsync(string me, CancellationToken ct)
    {
        ReadBeforePublished = await trust.HoldsCaseAsync(me, PostedAs.Name, ct);
        ReadBeforePublishedUnderPseudonym = await trust.HoldsCaseAsync(me, PostedAs.NewPseudonym, ct);
    }

    /// <summary>The no-JavaScript preview: re-displays the form with the rendered body and the privacy findings.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await KeepDraftAsync(ct);
        View = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);   // no error messages yet, but why the body cannot be previewed
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? replace, CancellationToken ct)
    {
        await KeepDraftAsync(ct);
        if (replace is not null)
        {
            View = await form.ReplaceAsync(Input, replace, ModelState, ct);
            return Page();
        }
        var me = User.MemberId()!;
        View = await form.ValidateAsync(Input, ModelState, withPreview: false, ct);
        await form.CheckPseudonymAsync(Input, me, ModelState, ct);   // only here: a case keeps the pseudonym it was published under
        var decision = await writes.CheckAsync(me, string.IsNullOrWhiteSpace(Input.Pseudonym) ? PostedAs.Name : PostedAs.NewPseudonym, ct, Input.Title, Input.Summary, Input.Body, Input.Outcome, Input.OpenQuestion);
        Suspension = decision.Suspension;
        if (!decision.Report(ModelState, "Input.Body") || !ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var @case = Case.Publish(me, Input.ToText(), View.Rendered!, Input.ToContext(),
            Input.Pseudonym, Input.Visibility, Input.MembersOnlyUntilUtc, Input.AllTagIds, now);
        var held = await trust.ApplyAsync(@case, me, ct);   // a new member's first cases wait for a moderator
        var draft = await drafts.FindAsync(Input.DraftId!.Value, me, ct);
        if (draft?.RejectedCaseId is not null && !held)
            @case.HoldForReview();   // a rejected case resubmitted goes back to the queue, whoever its author
        if (draft is not null) db.Remove(draft);   // published: the draft is done (same transaction as the case)
        db.Add(@case);
        await db.SaveChangesAsync(ct);
        return Redirect(CaseUrls.Read(@case.Id, @case.Slug));
    }
}
