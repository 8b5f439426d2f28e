using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>
/// Resource lookups remembered per UI culture and key. ResourceManager walks its culture fallback chain on every
/// call; a page asks for dozens of strings (a long discussion, hundreds), and the profile of a member's page put that
/// walk at about a tenth of its CPU. Strings are compiled resources: they never change while the app runs.
/// </summary>
public sealed class CachingStringLocalizerFactory(IOptions<LocalizationOptions> options, ILoggerFactory loggers) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggers);
    private readonly ConcurrentDictionary<(string? BaseName, string? Location, Type? Type), IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) =>
        _localizers.GetOrAdd((null, null, resourceSource), key => new CachingStringLocalizer(_inner.Create(key.Type!)));

    public IStringLocalizer Create(string baseName, string location) =>
        _localizers.GetOrAdd((baseName, location, null), key => new CachingStringLocalizer(_inner.Create(key.BaseName!, key.Location!)));
}

public sealed class CachingStringLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

    public LocalizedString this[string name] =>
        _strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, localizer) => localizer[key.Name], inner);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            // As ResourceManagerStringLocalizer formats: with the current culture (numbers, dates).
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
