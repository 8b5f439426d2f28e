using RisingGoal.Community.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The author or a moderator edits a case; the previous text is kept as a revision (an old URL still leads to the case: any slug does).</summary>
[Authorize]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
[EnableRateLimiting(RateLimits.Post)]
public sealed class EditModel(CommunityDbContext db, CaseForm form, TimeProvider clock, WritePolicy writes, TrustPolicy trust,
    PendingEdits pendingEdits, IStringLocalizer<Strings> S) : PageModel, ICaseFormPage
{
    [BindProperty] public CaseInput Input { get; set; } = new();
    public CaseFormView View { get; private set; } = new([], [], null);
    public int Id { get; private set; }

    /// <summary>The edit would wait for a moderator (the rule <see cref="OnPostAsync"/> applies): told before it is written, and on the button.</summary>
    public bool ReadBeforePublished { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        ReadBeforePublished = await WaitsForReviewAsync(@case, ct);
        var tags = await db.Set<CaseTag>().Where(t => t.CaseId == id).Join(db.Set<Tag>(), x => x.TagId, t => t.Id, (_, t) => new { t.Id, t.Kind }).ToListAsync(ct);
        Input = CaseInput.From(@case, tags.Select(t => (t.Id, t.Kind)));
        if (await pendingEdits.OfAsync(id, null, User.MemberId()!, ct) is { } pending)   // go on from the edit awaiting review
        {
            var kinds = await db.Set<Tag>().Where(t => pending.Tags.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Kind, ct);
            pending.FillForm(Input, kinds);
        }
        View = new CaseFormView(await form.TagsAsync(ct), [], null);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        ReadBeforePublished = await WaitsForReviewAsync(@case, ct);
        View = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? replace, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        ReadBeforePublished = await WaitsForReviewAsync(@case, ct);
        if (replace is not null)
        {
            View = await form.ReplaceAsync(Input, replace, ModelState, ct);
            return Page();
        }
        View = await form.ValidateAsync(Input, ModelState, withPreview: false, ct);
        var decision = await writes.CheckAsync(User.MemberId()!, PostedAs.InDiscussion(@case.Id, new CaseAuthorship(@case.AuthorId, @case.Pseudonym), User.MemberId()!), ct, Input.Title, Input.Summary, Input.Body, Input.Outcome, Input.OpenQuestion);
        if (!decision.Report(ModelState, "Input.Body") || !ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        var me = User.MemberId()!;
        if (ReadBeforePublished)
            return await ProposeAsync(@case, me, now, ct);
        db.Entry(@case).Property(c => c.Version).OriginalValue = Input.Version;
        var revision = @case.Edit(User.MemberId()!, Input.ToText(), View.Rendered!, Input.ToContext(), Input.AllTagIds, Input.EditReason, now);
        @case.SetVisibility(Input.Visibility, Input.MembersOnlyUntilUtc);
        db.Add(revision);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", S["Someone changed this case while you were editing it. Reload the page to see the new version, then apply your changes again."]);
            return Page();
        }
        return Redirect(CaseUrls.Read(id, @case.Slug));
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        @case.Delete(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        TempData["Status"] = S["The case was deleted."].Value;
        return Redirect("/");
    }

    /// <summary>
    /// A member not trusted yet: the edit waits for a moderator and the published version stays. Making the case
    /// members-only is the one change applied at once (it only narrows who can read it).
    /// </summary>
    private async Task<IActionResult> ProposeAsync(Case @case, string me, DateTime now, CancellationToken ct)
    {
        await pendingEdits.ProposeAsync(PendingEdit.ForCase(@case.Id, me, Input.ToText(), Input.ToContext(), Input.Visibility,
            Input.MembersOnlyUntilUtc, Input.AllTagIds, Input.EditReason, now), ct);
        if (Input.Visibility == CaseVisibility.MembersOnly && @case.Visibility == CaseVisibility.Public)
        {
            @case.SetVisibility(Input.Visibility, Input.MembersOnlyUntilUtc);
            await db.SaveChangesAsync(ct);
        }
        TempData["Status"] = S["Your edit is awaiting review: readers see the published version until a moderator approves it."].Value;
        return Redirect(CaseUrls.Read(@case.Id, @case.Slug));
    }

    /// <summary>
    /// An edit by a member not trusted yet under the name the case is shown under waits for a moderator; a case itself
    /// awaiting review is edited in place (the moderator reads the new text anyway).
    /// </summary>
    private async Task<bool> WaitsForReviewAsync(Case @case, CancellationToken ct) =>
        !@case.IsAwaitingReview && await trust.HoldsEditAsync(User.MemberId()!, @case.Id, ct);

    private Task<Case?> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        return db.Set<Case>().Include(c => c.Tags).Where(c => c.Id == id)
            .VisibleTo(true, clock.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
    }
}
