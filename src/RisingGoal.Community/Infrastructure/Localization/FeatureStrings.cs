using System.Collections.Concurrent;

namespace RisingGoal.Community.Infrastructure.Localization;

/// <summary>Finds the <c>Strings</c> resource class nearest to a type's namespace (its feature), else the shared one.</summary>
public static class FeatureStrings
{
    private static readonly ConcurrentDictionary<Type, Type> Cache = new();

    public static Type For(Type type) => Cache.GetOrAdd(type, static t =>
    {
        var ns = t.Namespace;
        while (!string.IsNullOrEmpty(ns))
        {
            var candidate = t.Assembly.GetType(ns + ".Strings");
            if (candidate is not null) return candidate;
            var dot = ns.LastIndexOf('.');
            ns = dot < 0 ? null : ns[..dot];
        }
        return typeof(Features.Strings);
    });
}
