using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>"waiting for 3 h": how long an item has waited, rounded down, in the reader's language.</summary>
public static class QueueAge
{
    public static string Describe(DateTime sinceUtc, DateTime nowUtc, IStringLocalizer l)
    {
        var waited = nowUtc - sinceUtc;
        if (waited < TimeSpan.FromHours(1)) return l["waiting for {0} min", Math.Max(0, (int)waited.TotalMinutes)];
        if (waited < TimeSpan.FromHours(48)) return l["waiting for {0} h", (int)waited.TotalHours];
        return l["waiting for {0} days", (int)waited.TotalDays];
    }
}
