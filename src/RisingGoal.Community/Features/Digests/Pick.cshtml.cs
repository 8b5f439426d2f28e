using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Moderators pick a published case as this week's pick of one of its tensions, from the case page (or this page,
/// which lists the case's tensions). Each pick is written to the moderation log like any other moderator action
/// (by <see cref="DigestPicks"/>, also for the digest administration's pick).
/// </summary>
[StaffOnly]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
public sealed class PickModel(CommunityDbContext db, DigestPicks picks, DigestSchedule schedule, TimeProvider clock,
    WritePolicy writes, IStringLocalizer<Strings> l) : PageModel
{
    public sealed record Tension(int Id, string Slug, string Name, bool Picked);

    public int CaseId { get; private set; }
    public string Title { get; private set; } = "";
    public string CaseUrl { get; private set; } = "";
    public IReadOnlyList<Tension> Tensions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, string? tag, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var tension = Tensions.FirstOrDefault(t => t.Slug == tag);
        if (tension is null) return NotFound();   // not a tension of this case (a forged or stale form)

        var moderatorId = ClaimsPrincipalExtensions.MemberId(User)!;
        if (await writes.CheckAsync(moderatorId, cancellationToken) is { IsAllowed: false } refused)
        {
            TempData["Status"] = refused.Message;
            return RedirectToPage(new { id });
        }
        // DigestPicks writes the pick and its moderation log line together.
        if (!await picks.ChooseAsync(tension.Id, id, moderatorId, cancellationToken)) return NotFound();

        TempData["Status"] = l["“{0}” is this week's pick for the tension {1}.", Title, tension.Name].Value;
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl!) : RedirectToPage(new { id });
    }

    /// <summary>The published case and its tensions (current names), with the ones it is already this week's pick for.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var @case = await db.Set<Case>().AsNoTracking().Where(c => c.Id == id && c.Status == CaseStatus.Published)
            .Select(c => new { c.Id, c.Title, c.Slug }).FirstOrDefaultAsync(cancellationToken);
        if (@case is null) return false;
        var week = schedule.PeriodEndingAt(DigestFrequency.Weekly, schedule.NextDue(DigestFrequency.Weekly, clock.GetUtcNow().UtcDateTime)!.Value);
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var tagIds = db.Set<CaseTag>().Where(t => t.CaseId == id).Select(t => t.TagId);
        Tensions = await db.Set<Tag>().AsNoTracking()
            .Where(t => t.Kind == TagKind.Tension && t.RetiredUtc == null && tagIds.Contains(t.Id))
            .OrderBy(t => t.SortOrder)
            .Select(t => new Tension(t.Id, t.Slug, en ? t.NameEn : t.NameFr,
                db.Set<DigestPick>().Any(p => p.TagId == t.Id && p.PeriodStartUtc == week.StartUtc && p.CaseId == id)))
            .ToListAsync(cancellationToken);
        (CaseId, Title, CaseUrl) = (@case.Id, @case.Title, CaseUrls.Read(@case.Id, @case.Slug));
        return true;
    }
}
