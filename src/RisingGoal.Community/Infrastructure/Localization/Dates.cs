using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// The one way dates are written for people: long dates in each language's own style ("1er décembre 2026",
/// "1 December 2026"; never the US "12/1/2026"), times on the 24-hour clock ("20 h 30", "20:30"), in the community's
/// time zone (Paris), and <c>&lt;time datetime&gt;</c> with the UTC instant for machines.
/// </summary>
public static class Dates
{
    /// <summary>Where the community lives: dates and times are shown as a reader in France sees them.</summary>
    public static readonly TimeZoneInfo DisplayZone = FindZone("Europe/Paris");

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>"1er décembre 2026" / "1 December 2026".</summary>
    public static string Long(DateTime utc, CultureInfo? culture = null) => LongDate(Local(utc), culture);

    /// <summary>"1er décembre 2026 à 20 h 30" / "1 December 2026, 20:30".</summary>
    public static string LongWithTime(DateTime utc, CultureInfo? culture = null)
    {
        var local = Local(utc);
        return IsFrench(culture)
            ? $"{LongDate(local, culture)} à {local.Hour}\u00A0h\u00A0{local.Minute:00}"
            : $"{LongDate(local, culture)}, {local.Hour:00}:{local.Minute:00}";
    }

    /// <summary>A <c>&lt;time&gt;</c> element: the long date (with the time when asked) for people, the UTC instant for machines.</summary>
    public static IHtmlContent Time(DateTime utc, bool withTime = false, CultureInfo? culture = null)
    {
        var instant = AsUtc(utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var text = withTime ? LongWithTime(utc, culture) : Long(utc, culture);
        // TagBuilder encodes the attribute and the text: no hand-made markup outside the one road to HTML.
        var time = new Microsoft.AspNetCore.Mvc.Rendering.TagBuilder("time");
        time.Attributes["datetime"] = instant;
        time.InnerHtml.Append(text);
        return time;
    }

    /// <summary>The day and its month are joined by a no-break space: a line never ends on "le 4" with "décembre" below.</summary>
    private static string LongDate(DateTime local, CultureInfo? culture)
    {
        if (IsFrench(culture))
        {
            var day = local.Day == 1 ? "1er" : local.Day.ToString(CultureInfo.InvariantCulture);
            return $"{day}\u00A0{French.DateTimeFormat.GetMonthName(local.Month)} {local.Year}";
        }
        return $"{local.Day}\u00A0{English.DateTimeFormat.GetMonthName(local.Month)} {local.Year}";
    }

    private static bool IsFrench(CultureInfo? culture) => (culture ?? CultureInfo.CurrentCulture).TwoLetterISOLanguageName == "fr";

    // Stored instants come back from the database without a kind: they are UTC.
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), DisplayZone);

    private static TimeZoneInfo FindZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }
}
