using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>"What happened next": the author or a moderator adds a dated follow-up.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Post)]
public sealed class FollowUpsModel(CommunityDbContext db, CaseForm form, TimeProvider clock, WritePolicy writes, TrustPolicy trust,
    PendingEdits pendingEdits, IStringLocalizer<Strings> S, Notifications.NotificationCenter notifications) : PageModel
{
    [BindProperty] public FollowUpInput Input { get; set; } = new();

    public string Title { get; private set; } = "";
    public string Slug { get; private set; } = "";
    public int Id { get; private set; }
    /// <summary>The replies the author marked "This helped me": counted here, where they tell what happened next.</summary>
    public int HelpfulReplies { get; private set; }
    /// <summary>The follow-up would wait for a moderator (its author is not trusted yet under the case's name): told before they write.</summary>
    public bool ReadBeforePublished { get; private set; }
    /// <summary>The follow-up is shown under the case's pseudonym, whose own record trust reads (not the member's): the notice says so, not "as for every new member".</summary>
    public bool UnderPseudonym { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) switch
    {
        null => NotFound(),
        { } c when !User.MayChange(c.AuthorId) => Forbid(),
        _ => Page(),
    };

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var @case = await LoadAsync(id, ct);
        if (@case is null) return NotFound();
        if (!User.MayChange(@case.AuthorId)) return Forbid();
        if (!ModelState.IsValid || form.RenderField(Input.Body, ModelState, "Input.Body") is not { } rendered) return Page();   // lengths first
        var me = User.MemberId()!;
        var postedAs = PostedAs.InDiscussion(@case.Id, new CaseAuthorship(@case.AuthorId, @case.Pseudonym), me);
        if (!(await writes.CheckAsync(me, postedAs, ct, Input.Body)).Report(ModelState, "Input.Body")) return Page();
        if (!await trust.IsTrustedAsync(me, postedAs, ct))   // not trusted yet: the follow-up waits for a moderator
        {
            await pendingEdits.ProposeAsync(PendingEdit.ForFollowUp(id, me, Input.Status!.Value, Input.Body, clock.GetUtcNow().UtcDateTime), ct);
            TempData["Status"] = S["Your follow-up is awaiting review: it appears on the case once a moderator approves it."].Value;
            return Redirect(CaseUrls.Read(id, @case.Slug));
        }
        var followUp = @case.AddFollowUp(me, Input.Status!.Value, Input.Body, rendered, clock.GetUtcNow().UtcDateTime);
        db.Add(followUp);
        await db.SaveChangesAsync(ct);
        await notifications.FollowUpPublishedAsync(id, followUp.Id, ct);   // members who resonated with the case
        return Redirect($"{CaseUrls.Read(id, @case.Slug)}#follow-up-{followUp.Id}");
    }

    private async Task<Case?> LoadAsync(int id, CancellationToken ct)
    {
        var @case = await db.Set<Case>().Where(c => c.Id == id).VisibleTo(true, clock.GetUtcNow().UtcDateTime).FirstOrDefaultAsync(ct);
        Title = @case?.Title ?? "";
        Slug = @case?.Slug ?? "";
        Id = id;
        if (@case is null) return null;
        HelpfulReplies = await db.Set<Reply>().CountAsync(r => r.CaseId == id && r.MarkedHelpfulUtc != null && r.Status == ReplyStatus.Published, ct);
        // The rule OnPostAsync applies, so that the page says what its button does.
        if (User.MemberId() is not { } me) return @case;
        var postedAs = PostedAs.InDiscussion(@case.Id, new CaseAuthorship(@case.AuthorId, @case.Pseudonym), me);
        ReadBeforePublished = !await trust.IsTrustedAsync(me, postedAs, ct);
        UnderPseudonym = postedAs.Pseudonymous;
        return @case;
    }
}
