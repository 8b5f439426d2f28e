using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Digests;

namespace RisingGoal.Community.Tests.Digests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly DigestSchedule _schedule = new(Options.Create(new DigestOptions()));

    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Weekly_digest_is_due_on_monday_at_seven_in_paris_in_winter()
    {
        var due = _schedule.NextDue(DigestFrequency.Weekly, Utc(2030, 1, 9, 12));   // a Wednesday
        Assert.Equal(Utc(2030, 1, 14, 6), due);                                        // 07:00 CET
        var period = _schedule.PeriodEndingAt(DigestFrequency.Weekly, due!.Value);
        Assert.Equal(Utc(2030, 1, 7, 6), period.StartUtc);
        Assert.Equal(TimeSpan.FromDays(7), period.EndUtc - period.StartUtc);
    }

    [Fact]
    public void Next_due_is_strictly_after_the_given_instant()
    {
        Assert.Equal(Utc(2030, 1, 21, 6), _schedule.NextDue(DigestFrequency.Weekly, Utc(2030, 1, 14, 6)));
        Assert.Null(_schedule.NextDue(DigestFrequency.Never, Utc(2030, 1, 14, 6)));
    }

    [Fact]
    public void The_week_that_crosses_the_spring_change_is_an_hour_shorter()
    {
        // Clocks go forward on Sunday 29 March 2026 (last Sunday of March): 07:00 CEST is 05:00 UTC.
        var due = _schedule.NextDue(DigestFrequency.Weekly, Utc(2026, 3, 25, 12))!.Value;
        Assert.Equal(Utc(2026, 3, 30, 5), due);
        var period = _schedule.PeriodEndingAt(DigestFrequency.Weekly, due);
        Assert.Equal(Utc(2026, 3, 23, 6), period.StartUtc);
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromHours(1), period.EndUtc - period.StartUtc);
    }

    [Fact]
    public void Daily_periods_last_23_hours_in_march_and_25_hours_in_october()
    {
        var spring = _schedule.PeriodEndingAt(DigestFrequency.Daily, _schedule.NextDue(DigestFrequency.Daily, Utc(2026, 3, 28, 12))!.Value);
        Assert.Equal(Utc(2026, 3, 29, 5), spring.EndUtc);
        Assert.Equal(TimeSpan.FromHours(23), spring.EndUtc - spring.StartUtc);

        // Clocks go back on Sunday 25 October 2026 (last Sunday of October): 07:00 CET is 06:00 UTC again.
        var autumn = _schedule.PeriodEndingAt(DigestFrequency.Daily, _schedule.NextDue(DigestFrequency.Daily, Utc(2026, 10, 24, 12))!.Value);
        Assert.Equal(Utc(2026, 10, 25, 6), autumn.EndUtc);
        Assert.Equal(TimeSpan.FromHours(25), autumn.EndUtc - autumn.StartUtc);
    }

    [Fact]
    public void Every_weekly_due_instant_through_a_year_is_monday_seven_oclock_paris_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        for (var week = 0; week < 53; week++)
        {
            var due = _schedule.NextDue(DigestFrequency.Weekly, clock.GetUtcNow().UtcDateTime)!.Value;
            var local = TimeZoneInfo.ConvertTimeFromUtc(due, Paris);
            Assert.Equal((DayOfWeek.Monday, 7, 0), (local.DayOfWeek, local.Hour, local.Minute));
            clock.SetUtcNow(due);
        }
    }

    [Fact]
    public void After_downtime_the_latest_missed_instant_closes_one_period()
    {
        var now = Utc(2030, 1, 30, 10);   // a Wednesday, two Mondays missed
        Assert.Equal(Utc(2030, 1, 28, 6), _schedule.LatestDueAtOrBefore(DigestFrequency.Weekly, now));
        Assert.Equal(Utc(2030, 1, 28, 6), _schedule.LatestDueAtOrBefore(DigestFrequency.Weekly, Utc(2030, 1, 28, 6)));
    }

    [Fact]
    public void Custom_cron_and_time_zone_are_honoured()
    {
        var schedule = new DigestSchedule(Options.Create(new DigestOptions { WeeklyCron = "30 18 * * 5", TimeZone = "America/New_York" }));
        // Friday 18:30 in New York (EST, UTC-5) is 23:30 UTC.
        Assert.Equal(Utc(2030, 1, 11, 23, 30), schedule.NextDue(DigestFrequency.Weekly, Utc(2030, 1, 9, 0)));
    }
}
