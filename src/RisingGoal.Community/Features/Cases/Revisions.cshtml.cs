using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Cases;

public sealed record RevisionRow(int Id, DateTime CreatedUtc, string? EditorName, string? Reason);

/// <summary>
/// The history of a case and a diff between two versions. Only the author and moderators see it: an earlier
/// version may still contain the identifying details the author removed.
/// </summary>
[Authorize]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
public sealed class RevisionsModel(CommunityDbContext db, TimeProvider clock) : PageModel
{
    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public IReadOnlyList<RevisionRow> Revisions { get; private set; } = [];
    /// <summary>Revision ids compared; null = the current text.</summary>
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }
    public IReadOnlyList<DiffLine> Diff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == id)
            .VisibleTo(true, clock.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        (Id, Title, Slug) = (id, @case.Title, @case.Slug);

        var revisions = await db.Set<CaseRevision>().AsNoTracking().Where(r => r.CaseId == id)
            .OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).ToListAsync(ct);
        var editorIds = revisions.Select(r => r.EditorId).Distinct().ToList();
        var names = await db.Set<Member>().Where(m => editorIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.DisplayName, ct);
        // A pseudonymous author's edits are shown under the pseudonym, as everywhere else.
        var authorship = new CaseAuthorship(@case.AuthorId, @case.Pseudonym);
        string? Name(CaseRevision r) => Bylines.ForPost(authorship, r.EditorId, r.EditorId is null ? null : names.GetValueOrDefault(r.EditorId), r.KeepsPseudonym).Name;
        Revisions = revisions.Select(r => new RevisionRow(r.Id, r.CreatedUtc, Name(r), r.Reason)).ToList();

        From ??= revisions.FirstOrDefault()?.Id;
        string Text(int? revisionId) => revisions.FirstOrDefault(r => r.Id == revisionId) is { } r
            ? TextDiff.Document(r.Title, r.Summary, r.BodyMarkdown, r.Outcome, r.OpenQuestion)
            : TextDiff.Document(@case.Title, @case.Summary, @case.BodyMarkdown, @case.Outcome, @case.OpenQuestion);
        if (From is not null) Diff = TextDiff.Lines(Text(From), Text(To));
        return Page();
    }
}
