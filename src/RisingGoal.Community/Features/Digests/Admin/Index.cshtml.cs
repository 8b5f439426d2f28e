using System.ComponentModel.DataAnnotations;
using RisingGoal.Community.Features.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Digests.Admin;

[StaffOnly]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]   // send now, pick: staff writes
public sealed class IndexModel(DigestPlanner planner, OutboxSender sender, DigestPicks picks, CommunityDbContext db,
    IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public PickInput Pick { get; set; } = new();
    public IReadOnlyList<TagChoice> Tensions { get; private set; } = [];
    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Plans every due digest now and drains the outbox, instead of waiting for the workers' next tick.</summary>
    public async Task<IActionResult> OnPostSendNowAsync(CancellationToken cancellationToken)
    {
        if (!IsAdministrator) return Forbid();
        var run = await planner.RunAsync(cancellationToken);
        var sent = 0;
        for (var batch = await sender.DrainBatchAsync(cancellationToken); batch.Count > 0; batch = await sender.DrainBatchAsync(cancellationToken))
        {
            // Mail to an author under a pseudonym is never counted live, as on the outbox: this count less the rows
            // listed there would tell that such mail left at this moment.
            var masked = await PseudonymousRecipients.AmongAsync(db,
                batch.Select(m => new PseudonymousRecipients.Mail(m.Id, m.MemberId, m.DedupeKey)).ToList(), cancellationToken);
            sent += batch.Count(m => !masked.Contains(m.Id));
        }
        TempData["Status"] = l["Digests queued: {0}. Skipped (nothing new): {1}. Skipped (visited since the last digest): {2}. Messages sent: {3}.",
            Numbers.Grouped([run.Queued, run.NothingNew, run.Visited, sent])].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPickAsync([FromServices] UserManager<Member> users, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && !await picks.ChooseAsync(Pick.TagId, Pick.CaseId!.Value, users.GetUserId(User)!, cancellationToken))
            ModelState.AddModelError($"{nameof(Pick)}.{nameof(PickInput.CaseId)}", l["No published case has this number."]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        TempData["Status"] = l["The pick is saved for this week's digests."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Tensions = await db.Set<Tag>().AsNoTracking().Where(t => t.Kind == TagKind.Tension && t.RetiredUtc == null)
            .OrderBy(t => t.SortOrder).Select(t => new TagChoice(t.Id, t.Kind, en ? t.NameEn : t.NameFr)).ToListAsync(cancellationToken);
    }
}

public sealed class PickInput
{
    [Range(1, int.MaxValue, ErrorMessage = "Choose a tension.")]
    public int TagId { get; set; }

    [Required(ErrorMessage = "Give the number of the case.")]
    [Range(1, int.MaxValue, ErrorMessage = "Give the number of the case.")]
    public int? CaseId { get; set; }
}
