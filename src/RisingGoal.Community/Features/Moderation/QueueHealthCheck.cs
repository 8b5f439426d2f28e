using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Queue health: finds items that have waited longer than <see cref="ModerationOptions.AlertAfterHours"/> and writes one
/// e-mail per moderator to the outbox, at most once per item (the outbox dedupe key "queue-alert:{item}:{moderator}"
/// records that the item was alerted).
/// </summary>
public sealed class QueueHealthCheck(CommunityDbContext db, IOptions<ModerationOptions> options, TimeProvider clock,
    MailComposer composer, IStringLocalizer<Strings> l, IConfiguration configuration)
{
    public const string KeyPrefix = "queue-alert:";
    private const int Batch = 50;

    private sealed record Overdue(string Key, string Title, DateTime SinceUtc);

    /// <summary>Returns how many items were alerted in this run.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var threshold = now - TimeSpan.FromHours(Math.Max(1, options.Value.AlertAfterHours));
        var overdue = await OverdueAsync(threshold, cancellationToken);
        if (overdue.Count == 0) return 0;

        var oldest = overdue.Min(o => o.SinceUtc);
        var sentKeys = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.DedupeKey.StartsWith(KeyPrefix) && m.CreatedUtc >= oldest)
            .Select(m => m.DedupeKey).ToListAsync(cancellationToken);
        var alerted = sentKeys.Select(k => k[..k.LastIndexOf(':')]).ToHashSet();
        var fresh = overdue.Where(o => !alerted.Contains(o.Key)).ToList();
        if (fresh.Count == 0) return 0;

        var moderators = await (from u in db.Users
                                join ur in db.UserRoles on u.Id equals ur.UserId
                                join r in db.Roles on ur.RoleId equals r.Id
                                where (r.Name == Roles.Moderator || r.Name == Roles.Administrator) && u.Email != null && u.EmailConfirmed
                                      // a suspended moderator has no staff pages: no alert naming pending posts either
                                      && !db.Set<Suspension>().ActiveAt(now).Any(s => s.MemberId == u.Id)
                                select new { u.Id, u.Email, u.DisplayName, u.PreferredCulture })
            .Distinct().ToListAsync(cancellationToken);
        var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
        foreach (var item in fresh)
            foreach (var moderator in moderators.DistinctBy(m => m.Id))
                Outbox.Add(db, OutboxKind.Notification, moderator.Id, $"{item.Key}:{moderator.Id}",
                    Compose(moderator.Email!, moderator.DisplayName, moderator.PreferredCulture, item, now, baseUrl), now);
        await db.SaveChangesAsync(cancellationToken);
        return fresh.Count;
    }

    private async Task<List<Overdue>> OverdueAsync(DateTime threshold, CancellationToken ct)
    {
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.Status == CaseStatus.Pending && c.CreatedUtc <= threshold)
            .OrderBy(c => c.CreatedUtc).Take(Batch).Select(c => new { c.Id, c.Title, c.CreatedUtc }).ToListAsync(ct);
        var replies = await (from r in db.Set<Reply>().AsNoTracking()
                             join c in db.Set<Case>() on r.CaseId equals c.Id
                             where r.Status == ReplyStatus.Pending && r.CreatedUtc <= threshold
                             orderby r.CreatedUtc
                             select new { r.Id, c.Title, r.CreatedUtc }).Take(Batch).ToListAsync(ct);
        var flags = await db.Set<Flag>().AsNoTracking().Where(f => f.ResolvedUtc == null && f.CreatedUtc <= threshold)
            .GroupBy(f => new { f.TargetKind, f.TargetId, f.CaseId })
            .Select(g => new { g.Key.TargetKind, g.Key.TargetId, g.Key.CaseId, Since = g.Min(f => f.CreatedUtc) })
            .OrderBy(g => g.Since).Take(Batch).ToListAsync(ct);
        var flagCaseIds = flags.Select(f => f.CaseId).Distinct().ToList();
        var titles = await db.Set<Case>().AsNoTracking().Where(c => flagCaseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var takedowns = await TakedownQueue.OverdueAsync(db, threshold, Batch, ct);

        return cases.Select(c => new Overdue($"{KeyPrefix}pending-case-{c.Id}", c.Title, c.CreatedUtc))
            .Concat(replies.Select(r => new Overdue($"{KeyPrefix}pending-reply-{r.Id}", r.Title, r.CreatedUtc)))
            .Concat(flags.Select(f => new Overdue($"{KeyPrefix}flagged-{f.TargetKind.ToString().ToLowerInvariant()}-{f.TargetId}",
                titles.GetValueOrDefault(f.CaseId) ?? "", f.Since)))
            .Concat(takedowns.Select(t => new Overdue($"{KeyPrefix}takedown-{t.Id}", t.Title, t.SinceUtc)))
            .ToList();
    }

    /// <summary>
    /// The alert as it reads now: the same item and moderator, the title its case has now (<see cref="QueueAlertRecomposer"/>).
    /// Null (withdrawn, never sent as it was) when the item or the moderator's address is gone.
    /// </summary>
    public async Task<MimeKit.MimeMessage?> RecomposeAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var cut = row.DedupeKey.LastIndexOf(':');
        if (row.MemberId is not { } moderatorId || cut <= KeyPrefix.Length) return null;
        var item = await ItemAsync(row.DedupeKey[..cut], row.CreatedUtc, cancellationToken);
        var moderator = await db.Users.AsNoTracking().Where(u => u.Id == moderatorId && u.Email != null)
            .Select(u => new { u.Email, u.DisplayName, u.PreferredCulture }).FirstOrDefaultAsync(cancellationToken);
        if (item is null || moderator is null) return null;
        var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://localhost").TrimEnd('/');
        return Compose(moderator.Email!, moderator.DisplayName, moderator.PreferredCulture, item, clock.GetUtcNow().UtcDateTime, baseUrl);
    }

    /// <summary>
    /// One alerted item read again by its key ("queue-alert:pending-case-12"), as <see cref="OverdueAsync"/> read it when
    /// the alert was queued at <paramref name="queuedUtc"/> (a flag settled since still dates the wait).
    /// </summary>
    private async Task<Overdue?> ItemAsync(string key, DateTime queuedUtc, CancellationToken ct)
    {
        var dash = key.LastIndexOf('-');
        if (dash <= KeyPrefix.Length || !int.TryParse(key.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        var cases = db.Set<Case>().AsNoTracking();
        switch (key[KeyPrefix.Length..dash])
        {
            case "pending-case":
                return await cases.Where(c => c.Id == id).Select(c => new Overdue(key, c.Title, c.CreatedUtc)).FirstOrDefaultAsync(ct);
            case "pending-reply":
                return await (from r in db.Set<Reply>().AsNoTracking()
                              join c in cases on r.CaseId equals c.Id
                              where r.Id == id
                              select new Overdue(key, c.Title, r.CreatedUtc)).FirstOrDefaultAsync(ct);
            case "flagged-case" or "flagged-reply":
                var kind = key[KeyPrefix.Length..dash] == "flagged-case" ? TargetKind.Case : TargetKind.Reply;
                return await (from f in db.Set<Flag>().AsNoTracking()
                              join c in cases on f.CaseId equals c.Id
                              where f.TargetKind == kind && f.TargetId == id && (f.ResolvedUtc == null || f.ResolvedUtc >= queuedUtc)
                              orderby f.CreatedUtc
                              select new Overdue(key, c.Title, f.CreatedUtc)).FirstOrDefaultAsync(ct);
            case "takedown":
                return await db.Set<TakedownRequest>().AsNoTracking().Where(t => t.Id == id && t.ConfirmedUtc != null)
                    .Select(t => new Overdue(key, t.CaseReference, t.ConfirmedUtc!.Value)).FirstOrDefaultAsync(ct);
            default:
                return null;
        }
    }

    private MimeKit.MimeMessage Compose(string email, string name, string? language, Overdue item, DateTime now, string baseUrl)
    {
        var previous = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            var culture = CultureInfo.GetCultureInfo(language == "en" ? "en" : "fr");
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return composer.Compose(email, name, l["An item has waited too long in the moderation queue"].Value,
            [
                l["Hello {0},", name].Value,
                l["\"{0}\" has been waiting for a moderator since {1} ({2}).", item.Title, Dates.LongWithTime(item.SinceUtc, culture), QueueAge.Describe(item.SinceUtc, now, l)].Value,
                l["You receive this alert once per item."].Value,
            ], (l["Open the moderation queue"].Value, $"{baseUrl}/moderation"));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = previous;
        }
    }
}

/// <summary>
/// A queue alert names its item's case by its title. Staff see held and hidden text, but not redacted text: a redaction
/// rewrites the title and its revisions, so an alert written before it (held for hours when the mail server refuses
/// it) is rebuilt with the title as it reads now; kept as written, it put the removed words in every moderator's
/// mailbox (<c>Privacy/Metadata/QueueAlertRedactionTests</c>). Not withdrawn: that would leave an overdue queue
/// unannounced (any author's edit counts as a change too, see <see cref="ShownTextChange"/>).
/// </summary>
public sealed class QueueAlertRecomposer(QueueHealthCheck alerts) : IMailRecomposer
{
    public bool Handles(string dedupeKey) => dedupeKey.StartsWith(QueueHealthCheck.KeyPrefix, StringComparison.Ordinal);

    public Task<MimeKit.MimeMessage?> RecomposeAsync(OutboxMessage row, MimeKit.MimeMessage stored, CancellationToken cancellationToken) =>
        alerts.RecomposeAsync(row, cancellationToken);
}
