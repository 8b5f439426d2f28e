using RisingGoal.Community.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests.Admin;

[StaffOnly(Roles.Administrator)]
[NoStore]   // shows what a moderator may remove, or private text: never kept by a browser or proxy
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]   // a retry sends mail again
public sealed class OutboxModel(CommunityDbContext db, TimeProvider clock, IStringLocalizer<Strings> l) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public long? NextBefore { get; private set; }

    public IReadOnlyList<MaskedMonth> MaskedMonths { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Mail to an author about their pseudonymous post is never a row nor in the status counts: only monthly totals
        // (MaskedMailSummary says why). Named mail is listed as before, the reason it did not leave included.
        var masked = await PseudonymousRecipients.AllAsync(db, cancellationToken);
        MaskedMonths = MaskedMailSummary.Of(masked, clock.GetUtcNow().UtcDateTime);
        var maskedIds = masked.Select(m => m.Id).ToList();
        var messages = db.Set<OutboxMessage>().AsNoTracking().Where(m => !maskedIds.Contains(m.Id));
        Counts = await messages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var query = messages;
        if (Status is { } status) query = query.Where(m => m.Status == status);
        if (Before is { } before) query = query.Where(m => m.Id < before);
        var rows = await query.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.NextAttemptUtc, m.LastError, m.CreatedUtc, m.SentUtc))
            .ToListAsync(cancellationToken);
        NextBefore = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Rows = rows.Take(PageSize).ToList();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        // A masked message answers like a missing one: "has not failed" or "will be sent again" would tell its status.
        if (message is null || (await PseudonymousRecipients.AmongAsync(db, [new(message.Id, message.MemberId, message.DedupeKey)], cancellationToken)).Count > 0)
            return NotFound();
        TempData["Status"] = message.Retry(clock.GetUtcNow().UtcDateTime)
            ? l["Message {0} will be sent again.", id].Value
            : l["Message {0} has not failed: nothing to retry.", id].Value;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Status });
    }

    /// <summary>Retries every failed masked message at once (after a mail server outage), answering the same whatever was retried.</summary>
    public async Task<IActionResult> OnPostRetryMaskedAsync(CancellationToken cancellationToken)
    {
        var failed = (await PseudonymousRecipients.AllAsync(db, cancellationToken)).Where(m => m.Status == OutboxStatus.Failed).Select(m => m.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in await db.Set<OutboxMessage>().Where(m => failed.Contains(m.Id)).ToListAsync(cancellationToken))
            message.Retry(now);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = l["Failed messages to authors under a pseudonym, if any, will be sent again."].Value;
        return RedirectToPage(new { Status });
    }
}

/// <summary>A message to a named recipient (masked ones are only counted: <see cref="MaskedMailSummary"/>).</summary>
public sealed record OutboxRow(long Id, OutboxKind Kind, string To, string Subject, OutboxStatus Status, int Attempts,
    DateTime NextAttemptUtc, string? LastError, DateTime CreatedUtc, DateTime? SentUtc);
