using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[EnableRateLimiting(RateLimits.Reply)]
public sealed class ReadModel(CommunityDbContext db, CaseReader reader, CaseForm form, Reactions reactions, TimeProvider clock,
    IStringLocalizer<Strings> S) : PageModel
{
    [BindProperty] public ReplyInput Reply { get; set; } = new();

    public CasePage Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? slug, CancellationToken ct)
    {
        var page = await reader.LoadAsync(id, User.MemberId(), Now, ct);
        if (page is null) return NotFound();
        if (slug != page.Slug)
        {
            var canonical = await reader.CanonicalSlugAsync(id, slug, ct);
            return canonical is null ? NotFound() : RedirectPermanent(CaseUrls.Read(id, canonical));
        }
        Case = page;
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, [FromServices] Digests.ReplyNotifier notifier, CancellationToken ct)
    {
        if (User.MemberId() is not { } me) return Challenge();
        var @case = await db.Set<Case>().Where(c => c.Id == id).VisibleTo(true, Now).FirstOrDefaultAsync(ct);
        if (@case is null) return NotFound();
        if (!@case.AcceptsReplies)
            ModelState.AddModelError("Reply.Body", S["This case is locked: it no longer takes replies."]);
        if (!ModelState.IsValid)
        {
            Case = (await reader.LoadAsync(id, me, Now, ct))!;
            return Page();
        }
        var reply = @case.AddReply(me, Reply.Body, form.Render(Reply.Body), Now)!;
        db.Add(reply);
        await db.SaveChangesAsync(ct);
        await reactions.RefreshRepliesAsync(id, added: true, ct);
        await notifier.NotifyReplyAsync(id, reply.Id, ct);   // author and followers, at most once an hour per discussion
        return Redirect($"{CaseUrls.Read(id, @case.Slug)}#reply-{reply.Id}");
    }

    public bool MayChange(string? authorId) => User.MayChange(authorId);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
