using System.Globalization;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>Runs localisation in a recipient's language (mail is written for them, not for the current request), then restores the culture.</summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(CultureInfo culture)
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public static CultureScope Use(CultureInfo culture) => new(culture);

    /// <summary>The member's preferred language when we support it, else the default (French).</summary>
    public static CultureScope ForMember(string? preferredCulture) =>
        new(CultureInfo.GetCultureInfo(LocalizationSetup.IsSupported(preferredCulture) ? preferredCulture! : LocalizationSetup.DefaultCulture));

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
