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
/// A queue alert goes to staff only, who see held, hidden and redacted text anyway: a change made on the site while it
/// waits leaves it as written. Withdrawn, it would leave an overdue queue unannounced (any author's edit now counts as
/// such a change, see <see cref="ShownTextChange"/>).
/// </summary>
public sealed class QueueAlertRecomposer() : KeptAsWrittenRecomposer(QueueHealthCheck.KeyPrefix);
