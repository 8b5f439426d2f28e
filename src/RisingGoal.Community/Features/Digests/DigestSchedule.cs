using Cronos;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Period boundaries from the configured crons, read in the configured time zone (Cronos handles daylight saving:
/// "07:00 Europe/Paris" is 06:00 UTC in winter and 05:00 UTC in summer).
/// </summary>
public sealed class DigestSchedule
{
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(40);
    private readonly CronExpression _daily;
    private readonly CronExpression _weekly;

    public DigestSchedule(IOptions<DigestOptions> options)
    {
        _daily = CronExpression.Parse(options.Value.DailyCron);
        _weekly = CronExpression.Parse(options.Value.WeeklyCron);
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The first scheduled instant strictly after <paramref name="afterUtc"/>; null for <see cref="DigestFrequency.Never"/>.</summary>
    public DateTime? NextDue(DigestFrequency frequency, DateTime afterUtc) =>
        Cron(frequency)?.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), TimeZone);

    /// <summary>The latest scheduled instant at or before <paramref name="nowUtc"/>: after downtime, one digest covers the gap.</summary>
    public DateTime? LatestDueAtOrBefore(DigestFrequency frequency, DateTime nowUtc) =>
        Occurrences(frequency, nowUtc - LookBack, nowUtc, toInclusive: true).Cast<DateTime?>().LastOrDefault();

    /// <summary>The period that ends at the scheduled instant <paramref name="dueUtc"/> and starts at the one before it.</summary>
    public DigestPeriod PeriodEndingAt(DigestFrequency frequency, DateTime dueUtc)
    {
        var start = Occurrences(frequency, dueUtc - LookBack, dueUtc, toInclusive: false).Cast<DateTime?>().LastOrDefault()
                    ?? dueUtc - (frequency == DigestFrequency.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7));
        return new DigestPeriod(start, dueUtc);
    }

    private IEnumerable<DateTime> Occurrences(DigestFrequency frequency, DateTime fromUtc, DateTime toUtc, bool toInclusive) =>
        Cron(frequency)?.GetOccurrences(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), DateTime.SpecifyKind(toUtc, DateTimeKind.Utc),
            TimeZone, fromInclusive: true, toInclusive: toInclusive) ?? [];

    private CronExpression? Cron(DigestFrequency frequency) => frequency switch
    {
        DigestFrequency.Daily => _daily,
        DigestFrequency.Weekly => _weekly,
        _ => null,
    };
}
