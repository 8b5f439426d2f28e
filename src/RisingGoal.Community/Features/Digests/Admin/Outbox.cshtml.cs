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
public sealed class OutboxModel(CommunityDbContext db, TimeProvider clock, IStringLocalizer<Strings> l, OutboxRowKeys keys) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }

    /// <summary>The key of the last row of the previous page (<see cref="OutboxRowKeys"/>): a typed id reads as the first page.</summary>
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }
    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public string? NextBefore { get; private set; }

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
        // Keyset over the listed rows alone: the page after a listed row is the same whatever masked mail sits among them.
        if (keys.Read(Before) is { } before) query = query.Where(m => m.Id < before);
        var rows = await query.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new { m.Id, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.NextAttemptUtc, m.LastError, m.SentUtc })
            .ToListAsync(cancellationToken);
        NextBefore = rows.Count > PageSize ? keys.For(rows[PageSize - 1].Id) : null;
        Rows = rows.Take(PageSize).Select(m => new OutboxRow(keys.For(m.Id), m.Kind, m.To, ListedSubject(m.Kind, m.Subject), m.Status, m.Attempts,
            m.NextAttemptUtc, m.LastError, m.SentUtc)).ToList();
    }

    /// <summary>
    /// A digest's subject names what its member follows ("2 new cases in Centralisation", "News from the cases you
    /// follow"): shown to staff next to the address, it told them a member's reading. The member's mail keeps it.
    /// </summary>
    private string ListedSubject(OutboxKind kind, string subject) => kind == OutboxKind.Digest ? l["Digest (its subject is not shown: it says what the member follows)"].Value : subject;

    public async Task<IActionResult> OnPostRetryAsync(string? key, CancellationToken cancellationToken)
    {
        // Only keys this page made: an outbox id typed in (or any other text) is no row.
        if (keys.Read(key) is not { } id) return NotFound();
        var message = await db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        // A masked message (its case put under a pseudonym since it was listed) or a missing one answers as a named
        // message that has not failed: anything else would tell its status, or that it is masked.
        var retried = message is not null
            && (await PseudonymousRecipients.AmongAsync(db, [new(message.Id, message.MemberId, message.DedupeKey)], cancellationToken)).Count == 0
            && message.Retry(clock.GetUtcNow().UtcDateTime);
        TempData["Status"] = retried ? l["The message will be sent again."].Value : l["This message has not failed: nothing to retry."].Value;
        if (retried) await db.SaveChangesAsync(cancellationToken);
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

/// <summary>A message to a named recipient (masked ones are only counted: <see cref="MaskedMailSummary"/>), known by its key alone.</summary>
public sealed record OutboxRow(string Key, OutboxKind Kind, string To, string Subject, OutboxStatus Status, int Attempts,
    DateTime NextAttemptUtc, string? LastError, DateTime? SentUtc);
