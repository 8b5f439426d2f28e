using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

public sealed record DigestOfferView(int CaseId, IReadOnlyList<(int Id, string Name)> Tags);

/// <summary>
/// Shown to the author of a case awaiting review, right under the notice: a weekly summary of the case's tensions
/// and drift types, pre-selected, turned on by one POST (never silently). Nothing is shown to anyone else, nor to a
/// member who already receives a digest.
/// </summary>
public sealed class DigestOfferViewComponent(CommunityDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId, string? authorId)
    {
        var me = UserClaimsPrincipal.MemberId();
        if (me is null || me != authorId) return Content("");
        var ct = HttpContext.RequestAborted;
        var on = await db.Set<DigestPreference>().AnyAsync(p => p.MemberId == me && p.Frequency != DigestFrequency.Never, ct);
        if (on) return Content("");
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var tags = await db.Set<CaseTag>().Where(x => x.CaseId == caseId)
            .Join(db.Set<Tag>(), x => x.TagId, t => t.Id, (_, t) => t)
            .Where(t => t.Kind == TagKind.Tension || t.Kind == TagKind.DriftType)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder)
            .Select(t => new { t.Id, Name = en ? t.NameEn : t.NameFr }).ToListAsync(ct);
        return View("/Features/Digests/_DigestOffer.cshtml", new DigestOfferView(caseId, tags.Select(t => (t.Id, t.Name)).ToList()));
    }
}
