using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Tests.Localization;

/// <summary>The remembered strings are per UI culture, and formatted strings follow the current culture as before.</summary>
public sealed class CachingStringLocalizerTests
{
    private static readonly IOptions<LocalizationOptions> Options = Microsoft.Extensions.Options.Options.Create(new LocalizationOptions());

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }

    [Fact]
    public void Gives_what_the_resource_manager_gives_in_each_culture_in_turn()
    {
        var cached = new CachingStringLocalizerFactory(Options, NullLoggerFactory.Instance).Create(typeof(Features.Browse.Strings));
        var plain = new ResourceManagerStringLocalizerFactory(Options, NullLoggerFactory.Instance).Create(typeof(Features.Browse.Strings));

        foreach (var culture in new[] { "fr", "en", "fr", "en" })
        {
            Assert.Equal(InCulture(culture, () => plain["Cases"].Value), InCulture(culture, () => cached["Cases"].Value));
            Assert.Equal(InCulture(culture, () => plain["Unknown key {0}", 1234.5].Value), InCulture(culture, () => cached["Unknown key {0}", 1234.5].Value));
        }
        Assert.NotEqual(InCulture("fr", () => cached["Sort by"].Value), InCulture("en", () => cached["Sort by"].Value));
    }

    [Fact]
    public void Hands_out_one_localizer_per_resource_type()
    {
        var factory = new CachingStringLocalizerFactory(Options, NullLoggerFactory.Instance);
        Assert.Same(factory.Create(typeof(Features.Browse.Strings)), factory.Create(typeof(Features.Browse.Strings)));
    }
}
