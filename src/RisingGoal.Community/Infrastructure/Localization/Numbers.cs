using System.Globalization;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// The one way counts are written for people: grouped by the culture, "1 000" in French (a narrow no-break space,
/// U+202F, as .NET's fr culture does on ICU) and "1,000" in English. A bare <c>@count</c> in a view writes "1000".
/// </summary>
public static class Numbers
{
    public static string Count(long count, CultureInfo? culture = null) => count.ToString("N0", culture ?? CultureInfo.CurrentCulture);

    /// <summary>
    /// Format arguments with their whole numbers grouped, for messages whose arguments are all quantities (the lengths
    /// and bounds of validation messages: "entre 200 et 40 000 caractères").
    /// </summary>
    public static object[] Grouped(object[] arguments) =>
        arguments.Select(a => a switch { int i => Count(i), long l => Count(l), _ => a }).ToArray();
}
