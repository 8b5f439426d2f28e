using RisingGoal.Community.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;
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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var messages = db.Set<OutboxMessage>().AsNoTracking();
        Counts = await messages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var query = messages;
        if (Status is { } status) query = query.Where(m => m.Status == status);
        if (Before is { } before) query = query.Where(m => m.Id < before);
        var rows = await query.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new { m.Id, m.Kind, m.MemberId, m.DedupeKey, m.To, m.Subject, m.Status, m.Attempts, m.NextAttemptUtc, m.LastError, m.CreatedUtc, m.SentUtc })
            .ToListAsync(cancellationToken);
        NextBefore = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        var shown = rows.Take(PageSize).ToList();
        var masked = await PseudonymousRecipients.AmongAsync(db, shown.Select(m => new PseudonymousRecipients.Mail(m.Id, m.MemberId, m.DedupeKey)).ToList(),
            cancellationToken);
        // A masked row tells whether the message left, not why it did not when the reason is the recipient's state: staff
        // know who is suspended or whose mail is paused (by address, on their named rows), so "withheld: the member is
        // suspended" next to the time of a reply in a pseudonymous discussion would name its author. A withdrawal for
        // removed text reads the same (empty), so the two cannot be told apart. What a failed send's server answered
        // stays (the administrator decides on a retry with it), without any address it quotes.
        static string? MaskedError(OutboxStatus status, string? error) =>
            status == OutboxStatus.Failed && error is not null && error != OutboxSender.PausedError ? MailLogText.WithoutAddresses(error) : null;
        Rows = shown.Select(m => masked.Contains(m.Id)
                ? new OutboxRow(m.Id, m.Kind, null, m.Subject, m.Status, m.Attempts, m.NextAttemptUtc, MaskedError(m.Status, m.LastError), m.CreatedUtc, m.SentUtc)
                : new OutboxRow(m.Id, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.NextAttemptUtc, m.LastError, m.CreatedUtc, m.SentUtc))
            .ToList();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        var message = await db.Set<OutboxMessage>().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null) return NotFound();
        TempData["Status"] = message.Retry(clock.GetUtcNow().UtcDateTime)
            ? l["Message {0} will be sent again.", id].Value
            : l["Message {0} has not failed: nothing to retry.", id].Value;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Status });
    }
}

/// <param name="To">Null when the recipient is a pseudonymous author (<see cref="PseudonymousRecipients"/>).</param>
public sealed record OutboxRow(long Id, OutboxKind Kind, string? To, string Subject, OutboxStatus Status, int Attempts,
    DateTime NextAttemptUtc, string? LastError, DateTime CreatedUtc, DateTime? SentUtc);
