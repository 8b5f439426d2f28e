using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Escrow: the member behind a pseudonym is shown to this moderator, on this response only, once a reason is logged.
/// Works from the case and from anything its author wrote under the pseudonym (a reply in that discussion).
/// </summary>
[StaffOnly]
[Accounts.NoStore]   // a reveal shows an identity: no copy kept by the browser or a proxy
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Reveal)]
public sealed class RevealsModel(CommunityDbContext db, IStringLocalizer<Strings> l, QueueLoader loader, ModerationService moderation)
    : QueuePage(db, l, loader, moderation)
{
    public IActionResult OnGet() => BackToQueue();

    public async Task<IActionResult> OnPostAsync()
    {
        // Reveals need a sign-in made with the second factor (also required by [StaffOnly]; kept here for this one action).
        if (!User.SignedInWithSecondFactor()) return StatusCode(StatusCodes.Status403Forbidden);
        var target = await PseudonymousTargetAsync(Input.Kind, Input.Id);
        if (target is null) return NotFound();
        var itemKey = $"{Input.Kind.ToString().ToLowerInvariant()}-{Input.Id}";
        if (string.IsNullOrWhiteSpace(Input.RevealReason))
            ModelState.AddModelError("Input.RevealReason", Input.Kind == TargetKind.Case
                ? L["Give the reason you need to know who wrote this case."]
                : L["Give the reason you need to know who wrote this reply."]);
        if (!ModelState.IsValid)
        {
            RevealErrorFor = itemKey;
            return await ShowQueueAsync();
        }
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.RevealIdentity, target.Target, null, Input.RevealReason, Now));
        await Db.SaveChangesAsync();
        var authorId = target.Target.SubjectMemberId;
        var author = authorId is null ? null : await Db.Users.AsNoTracking().Where(m => m.Id == authorId)
            .Select(m => new { m.Id, m.DisplayName, m.Email }).FirstOrDefaultAsync();
        Revealed = new RevealedIdentity(itemKey, target.Pseudonym, author?.Id, author?.DisplayName, author?.Email);
        return await ShowQueueAsync();
    }

    private sealed record PseudonymousTarget(ModerationTarget Target, string Pseudonym);

    /// <summary>The case or reply when the byline rule shows it under a pseudonym; null otherwise (nothing to reveal).</summary>
    private async Task<PseudonymousTarget?> PseudonymousTargetAsync(TargetKind kind, int id)
    {
        if (kind == TargetKind.Case)
            return await Db.Set<Case>().AsNoTracking().Where(c => c.Id == id && c.Pseudonym != null)
                .Select(c => new PseudonymousTarget(new ModerationTarget(TargetKind.Case, c.Id, null, c.AuthorId), c.Pseudonym!))
                .FirstOrDefaultAsync();
        if (kind != TargetKind.Reply) return null;
        var reply = await (from r in Db.Set<Reply>().AsNoTracking()
                           join c in Db.Set<Case>() on r.CaseId equals c.Id
                           where r.Id == id
                           select new { r.Id, r.CaseId, r.AuthorId, r.KeepsPseudonym, c.Pseudonym, CaseAuthorId = c.AuthorId }).FirstOrDefaultAsync();
        return reply is not null && Bylines.UnderPseudonym(new CaseAuthorship(reply.CaseAuthorId, reply.Pseudonym), reply.AuthorId, reply.KeepsPseudonym)
            ? new PseudonymousTarget(new ModerationTarget(TargetKind.Reply, reply.CaseId, reply.Id, reply.AuthorId), reply.Pseudonym!)
            : null;
    }
}
