using RisingGoal.Community.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Digests.Admin;

/// <summary>
/// Shows the HTML part of a digest in a member's language over their next period (content since their last digest),
/// without its personal sections and as if they followed every tag (see below).
/// The mail's HTML is served as the whole response, under its own CSP: inline styles only, nothing executable or remote.
/// </summary>
[StaffOnly(Roles.Administrator)]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
public sealed class PreviewModel(CommunityDbContext db, DigestPlanner planner, DigestComposer composer,
    DigestMessageBuilder builder, DigestSchedule schedule, TimeProvider clock) : PageModel
{
    public const string MailCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    [BindProperty(SupportsGet = true)] public string? MemberId { get; set; }
    public bool Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var id = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Id == MemberId || m.NormalizedEmail == (MemberId ?? "").ToUpperInvariant())
            .Select(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        var member = id is null ? null : await planner.RecipientAsync(id, cancellationToken);
        if (member is null) return Page();
        // Staff see the shared sections only, never the member's own: their discussions (their cases, pseudonymous
        // ones included) and their cases left out of "new cases" would tie a pseudonym to the account. An empty member
        // id has no cases, follows and marks. Nor which tags they follow (a private mark): the sections are composed as
        // for a member following every tag, in the member's language and over their next period.
        var everyTag = await db.Set<Taxonomy.Tag>().AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        var recipient = member with { MemberId = "", FollowedTagIds = everyTag };
        Found = true;

        var now = clock.GetUtcNow().UtcDateTime;
        var preference = await db.Set<DigestPreference>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == id, cancellationToken);
        var frequency = preference?.Frequency is DigestFrequency.Daily ? DigestFrequency.Daily : DigestFrequency.Weekly;
        var period = schedule.PeriodEndingAt(frequency, schedule.NextDue(frequency, now)!.Value);
        var since = preference?.LastDigestPeriodEndUtc ?? period.StartUtc;
        // Up to now, inclusive; a millisecond rather than a tick because PostgreSQL keeps microseconds only.
        var content = await composer.ComposeAsync(recipient, since, now.AddMilliseconds(1), cancellationToken);
        if (content.IsEmpty) return Page();

        var message = builder.Build(recipient, content);
        // No subject: the member's one ("2 new cases in Centralisation") names the tag they follow.
        Response.Headers.ContentSecurityPolicy = MailCsp;   // kept by UseSecurityHeaders, which only fills a missing CSP
        return Content(message.HtmlBody ?? "", "text/html; charset=utf-8");
    }
}
