using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests.Admin;

/// <summary>
/// What the outbox page shows of mail to authors under a pseudonym: counts per calendar month (UTC) and kind, never a row.
/// A row, even without its address, pointed at a person: its time sat next to a reply in the discussion, and its status
/// ("withdrawn" though nothing was removed, mail that stops while someone is suspended) followed the author's state, which
/// staff know by name. So a month is counted only once it is over and settled (nobody can watch it move after their own
/// action), and only when its masked mail went to at least <see cref="MinimumAuthors"/> different members (one author's
/// suspension is then one count among several people's, not a yes or no about them). Discourse shows staff only
/// aggregate mail statistics for private recipients, for the same reason.
/// </summary>
public static class MaskedMailSummary
{
    public const int MinimumAuthors = 5;
    public const int MonthsShown = 3;

    /// <summary>Retries and batched notifications finish within days: a month is counted once this long past its end.</summary>
    public static readonly TimeSpan Settling = TimeSpan.FromDays(7);

    public static IReadOnlyList<MaskedMonth> Of(IReadOnlyCollection<PseudonymousRecipients.Masked> masked, DateTime nowUtc)
    {
        var months = new List<MaskedMonth>();
        var end = new DateTime(nowUtc.Year, nowUtc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        while (end + Settling > nowUtc) end = end.AddMonths(-1);
        for (var i = 0; i < MonthsShown; i++, end = end.AddMonths(-1))
        {
            var start = end.AddMonths(-1);
            var mail = masked.Where(m => m.CreatedUtc >= start && m.CreatedUtc < end).ToList();
            var authors = mail.Select(m => m.MemberId).Distinct().Count();
            months.Add(new MaskedMonth(start, authors >= MinimumAuthors
                ? mail.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => new MaskedCounts(g.Key,
                    Sent: g.Count(m => m.Status == OutboxStatus.Sent),
                    NotSent: g.Count(m => m.Status is OutboxStatus.Failed or OutboxStatus.Withdrawn),
                    Waiting: g.Count(m => m.Status is OutboxStatus.Pending or OutboxStatus.Sending))).ToList()
                : null));
        }
        return months;
    }
}

/// <param name="Counts">Null when too few authors received masked mail that month for a count to hide any of them.</param>
public sealed record MaskedMonth(DateTime StartUtc, IReadOnlyList<MaskedCounts>? Counts);

/// <param name="NotSent">Failed or withdrawn, together: apart, "withdrawn" would still follow suspensions.</param>
public sealed record MaskedCounts(OutboxKind Kind, int Sent, int NotSent, int Waiting);
