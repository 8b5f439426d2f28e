using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/moderation/members/{id}: a member's history, and suspending or lifting a suspension.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
[StaffOnly]
[Accounts.NoStore]
public sealed class MemberModel(CommunityDbContext db, IStringLocalizer<Strings> l, ModerationQueue queue,
    ISuspensionCheck suspensions, TimeProvider clock, SuspensionMail notice, Messages.MessageMail messages) : ModeratorPage(db, l)
{
    public string DisplayName { get; private set; } = "";
    public AuthorHistory? History { get; private set; }
    public SuspensionNotice? Active { get; private set; }

    [BindProperty] public SuspendInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSuspendAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await Db.Database.BeginTransactionAsync();
        var suspension = Suspension.Start(id, MemberId, TimeSpan.FromDays(Input.Days), Input.Reason, now);
        Db.Add(suspension);
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.Suspend, ModerationTarget.ForMember(id), null,
            $"{Input.Days} d: {Input.Reason}", now));
        // A suspended member has no session (SuspendedSignIn): a new security stamp ends theirs at their next request
        // (KnownSecurityStamps), written with the suspension. Not through UserManager, whose validators could refuse an
        // old account's row and so the suspension with it.
        var member = await Db.Users.SingleAsync(m => m.Id == id);
        member.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        member.ConcurrencyStamp = Guid.NewGuid().ToString();
        await Db.SaveChangesAsync();
        // Told by mail, since they cannot sign in to read it; the moderators' messages still waiting to leave lose
        // their link to a page the member can no longer open.
        await notice.QueueAsync(suspension, HttpContext.RequestAborted);
        await messages.RewriteQueuedAsync(id, new SuspensionNotice(suspension.EndsUtc, suspension.Reason), HttpContext.RequestAborted);
        await transaction.CommitAsync();
        Tell(ModerationOutcome.Done);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLiftAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await Db.Set<Suspension>().Where(s => s.MemberId == id && s.LiftedUtc == null && s.EndsUtc > now).ToListAsync();
        if (active.Count == 0)
        {
            Tell(ModerationOutcome.NotApplicable);
            return RedirectToPage(new { id });
        }
        await using var transaction = await Db.Database.BeginTransactionAsync();
        foreach (var suspension in active) suspension.Lift(now);
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.LiftSuspension, ModerationTarget.ForMember(id), null, null, now));
        await Db.SaveChangesAsync();
        // The moderators' messages still waiting to leave said "suspended until": they get their link back, in the same
        // transaction, so the lift leaves no false statement in queued mail.
        await messages.RewriteQueuedAsync(id, suspension: null, HttpContext.RequestAborted);
        await transaction.CommitAsync();
        Tell(ModerationOutcome.Done);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var name = await Db.Users.Where(m => m.Id == id).Select(m => m.DisplayName).FirstOrDefaultAsync();
        if (name is null) return false;
        DisplayName = name;
        History = (await queue.HistoriesAsync([id])).GetValueOrDefault(id);
        Active = await suspensions.ActiveAsync(id);
        return true;
    }
}

public sealed class SuspendInput
{
    [Range(1, 365, ErrorMessage = "Between {1} and {2} days.")]
    public int Days { get; set; } = 7;

    [Required(ErrorMessage = "Give the reason the member will read.")]
    [StringLength(Suspension.ReasonMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Reason { get; set; } = "";
}
