using System.Globalization;
using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// Chooses between the singular and plural text of a count by the language's own rule, instead of "(s)".
/// .NET ships no plural data and the two languages we serve need only CLDR's "one" category for whole numbers:
/// French says "0 réponse" and "1 réponse" (one = 0 and 1), English "0 replies" and "1 reply" (one = 1).
/// </summary>
public static class Plurals
{
    public static bool IsOne(long count, CultureInfo? culture = null) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName switch
        {
            "fr" => count is 0 or 1,
            _ => count == 1,
        };

    /// <summary>
    /// The localised text for <paramref name="count"/>: <paramref name="one"/> or <paramref name="other"/> (both English
    /// keys with <c>{0}</c> for the count, written with the culture's digit grouping: "1 234 réponses").
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer localizer, long count, string one, string other) =>
        localizer[IsOne(count) ? one : other, Numbers.Count(count)];
}
