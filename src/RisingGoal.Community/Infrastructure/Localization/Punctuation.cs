using System.Globalization;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// A label and its value joined in code ("Unsubscribe: https://…" in a plain-text e-mail), punctuated the way the
/// current culture does: French puts a no-break space before the colon, English none. Text that lives in resources
/// carries its own punctuation; this is for the joins that do not.
/// </summary>
public static class Punctuation
{
    public static string Colon(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr" ? "\u00A0:" : ":";

    public static string Labelled(string label, string value) => $"{label}{Colon(CultureInfo.CurrentUICulture)} {value}";
}
