using System.Globalization;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// The languages a case can be written in. A case carries its own: a French case read with the English interface is
/// marked <c>lang="fr"</c> wherever its text is shown, so screen readers and translation tools read it as French
/// (WCAG 3.1.2, language of parts), and its section headings are written in it.
/// </summary>
public static class CaseLanguages
{
    public const string French = "fr";
    public const string English = "en";

    /// <summary>A supported language code, or null for anything else (the case keeps its language).</summary>
    public static string? Normalize(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        French => French,
        English => English,
        _ => null,
    };

    /// <summary>The interface's language as a case language: what a new case starts with.</summary>
    public static string OfInterface() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : French;

    /// <summary>The <c>lang</c> attribute for a case's text on the current page: null (no attribute) when it is the page's language.</summary>
    public static string? Attribute(string? caseLanguage) =>
        caseLanguage is null || caseLanguage == OfInterface() ? null : caseLanguage;
}
