using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Messages;

/// <summary>
/// /moderation/messages/write/{kind}/{id}: a moderator writes to the author of a case or reply. The recipient is resolved
/// on the server; under a pseudonym the page shows the pseudonym only. A post that already has a thread opens it.
/// </summary>
[StaffOnly]
[Accounts.NoStore]
[EnableRateLimiting(RateLimits.Reply)]
public sealed class WriteModel(CommunityDbContext db, MessageService messages) : PageModel
{
    public TargetKind Kind { get; private set; }
    public string CaseTitle { get; private set; } = "";
    public string PostUrl { get; private set; } = "";
    public string? Pseudonym { get; private set; }

    [BindProperty] public MessageInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string kind, int id, CancellationToken ct)
    {
        if (!TryKind(kind, out var k)) return NotFound();
        if (await messages.ThreadOfAsync(k, id, ct) is { } thread) return Redirect(MessageUrls.Staff(thread));
        return await LoadAsync(k, id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string kind, int id, CancellationToken ct)
    {
        if (!TryKind(kind, out var k) || !await LoadAsync(k, id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var thread = await messages.WriteToAuthorAsync(await StaffActor.OfAsync(db, User, ct), k, id, Input.Body!, ct);
        return thread is null ? NotFound() : Redirect(MessageUrls.Staff(thread.Value));
    }

    private static bool TryKind(string kind, out TargetKind k)
    {
        k = kind == "case" ? TargetKind.Case : TargetKind.Reply;
        return kind is "case" or "reply";
    }

    private async Task<bool> LoadAsync(TargetKind kind, int id, CancellationToken ct)
    {
        if (await messages.AuthorOfAsync(kind, id, ct) is not { } author) return false;
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == author.CaseId).Select(c => new { c.Title, c.Slug, c.Pseudonym }).FirstAsync(ct);
        Kind = kind;
        CaseTitle = @case.Title;
        PostUrl = kind == TargetKind.Case ? CaseUrls.Read(author.CaseId, @case.Slug) : CaseUrls.Reply(author.CaseId, id);
        Pseudonym = author.UnderPseudonym ? @case.Pseudonym : null;
        return true;
    }
}
