using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests;

[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Account)]   // the member's own settings
public sealed class PreferencesModel(CommunityDbContext db, DigestPreferences preferences, UserManager<Member> users,
    IStringLocalizer<Strings> l) : PageModel
{
    [BindProperty] public PreferencesInput Input { get; set; } = new();
    public IReadOnlyList<TagChoice> Tensions { get; private set; } = [];
    public IReadOnlyList<TagChoice> DriftTypes { get; private set; } = [];
    public DateTime? MailPausedUtc { get; private set; }
    public DateTime? NextDigestDueUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var preference = await db.Set<DigestPreference>().AsNoTracking().Include(p => p.FollowedTags)
            .FirstOrDefaultAsync(p => p.MemberId == MemberId, cancellationToken);
        Input = new PreferencesInput
        {
            Frequency = preference?.Frequency ?? DigestFrequency.Never,
            ReplyNotifications = preference?.ReplyNotifications ?? true,
            TagIds = preference?.FollowedTags.Select(t => t.TagId).ToList() ?? [],
        };
        (MailPausedUtc, NextDigestDueUtc) = (preference?.MailPausedUtc, preference?.NextDigestDueUtc);
        await LoadTagsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadTagsAsync(cancellationToken);
            return Page();
        }
        await preferences.SaveAsync(MemberId, Input.Frequency, Input.TagIds, Input.ReplyNotifications, cancellationToken);
        TempData["Status"] = l["Your mail settings are saved."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken)
    {
        await preferences.ResumeMailAsync(MemberId, cancellationToken);
        TempData["Status"] = l["Mail to your address is switched back on."].Value;
        return RedirectToPage();
    }

    private string MemberId => users.GetUserId(User)!;

    private async Task LoadTagsAsync(CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        var tags = await db.Set<Tag>().AsNoTracking()
            .Where(t => t.RetiredUtc == null && (t.Kind == TagKind.Tension || t.Kind == TagKind.DriftType))
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.Kind, t.NameFr, t.NameEn })
            .ToListAsync(cancellationToken);
        var rows = tags.Select(t => new TagChoice(t.Id, t.Kind, culture.TwoLetterISOLanguageName == "en" ? t.NameEn : t.NameFr)).ToList();
        Tensions = rows.Where(t => t.Kind == TagKind.Tension).ToList();
        DriftTypes = rows.Where(t => t.Kind == TagKind.DriftType).ToList();
    }
}

public sealed record TagChoice(int Id, TagKind Kind, string Name);

public sealed class PreferencesInput
{
    [EnumDataType(typeof(DigestFrequency), ErrorMessage = "Choose how often you want the digest.")]
    public DigestFrequency Frequency { get; set; }

    public List<int> TagIds { get; set; } = [];

    public bool ReplyNotifications { get; set; }
}
