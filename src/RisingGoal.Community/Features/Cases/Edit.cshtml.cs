using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>The author or a moderator edits a case; the previous text is kept as a revision, an old slug keeps working.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Post)]
public sealed class EditModel(CommunityDbContext db, CaseForm form, TimeProvider clock, IStringLocalizer<Strings> S) : PageModel, ICaseFormPage
{
    [BindProperty] public CaseInput Input { get; set; } = new();
    public CaseFormView View { get; private set; } = new([], [], null);
    public int Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        var tags = await db.Set<CaseTag>().Where(t => t.CaseId == id).Join(db.Set<Tag>(), x => x.TagId, t => t.Id, (_, t) => new { t.Id, t.Kind }).ToListAsync(ct);
        Input = CaseInput.From(@case, tags.Select(t => (t.Id, t.Kind)));
        View = new CaseFormView(await form.TagsAsync(ct), [], null);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        View = await form.ValidateAsync(Input, ModelState, withPreview: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        View = await form.ValidateAsync(Input, ModelState, withPreview: false, ct);
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(@case).Property(c => c.Version).OriginalValue = Input.Version;
        var revision = @case.Edit(User.MemberId()!, Input.ToText(), View.Rendered!, Input.ToContext(), Input.AllTagIds, Input.EditReason, now);
        @case.SetVisibility(Input.Visibility, Input.MembersOnlyUntilUtc);
        db.Add(revision);
        if (@case.PreviousSlug is { } old && !await db.Set<CaseSlug>().AnyAsync(s => s.CaseId == id && s.Slug == old, ct))
            db.Add(new CaseSlug(id, old, now));
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

    private Task<Case?> LoadAsync(int id, CancellationToken ct)
    {
        Id = id;
        return db.Set<Case>().Include(c => c.Tags).Where(c => c.Id == id)
            .VisibleTo(true, clock.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
    }
}
