using System.Text.RegularExpressions;
using System.Xml.Linq;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Tests.Localization;

/// <summary>
/// Every key a page or page model asks a localizer for must have a French translation in the nearest feature's
/// Strings.fr.resx (or a parent's), otherwise French readers would see English text.
/// </summary>
public sealed partial class TranslationCoverageTests
{
    [GeneratedRegex(@"\b(?:L|S|l|T|Localizer|localizer)\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"ErrorMessage\s*=\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ValidationKey();

    /// <summary>Both keys of <c>L.Plural(count, "{0} reply", "{0} replies")</c>.</summary>
    [GeneratedRegex(@"\.Plural\([^,()]+(?:\([^()]*\))?[^,()]*,\s*""((?:[^""\\]|\\.)+)"",\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex PluralKeys();

    [Fact]
    public void Every_localised_key_has_a_french_translation()
    {
        var features = Path.Combine(RepositoryPaths.Web, "Features");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cshtml") || f.EndsWith(".cs")))
        {
            var source = File.ReadAllText(file);
            var keys = LocalizerKey().Matches(source).Concat(ValidationKey().Matches(source))
                .Select(m => Regex.Unescape(m.Groups[1].Value))
                .Concat(PluralKeys().Matches(source).SelectMany(m => new[] { Regex.Unescape(m.Groups[1].Value), Regex.Unescape(m.Groups[2].Value) }))
                .Distinct();
            var known = TranslationsVisibleFrom(Path.GetDirectoryName(file)!, features);
            missing.AddRange(keys.Where(k => !known.Contains(k)).Select(k => $"{Path.GetRelativePath(features, file)}: \"{k}\""));
        }
        Assert.True(missing.Count == 0, "Missing French translations:\n" + string.Join("\n", missing));
    }

    /// <summary>The resource build drops a key that differs from another only by case: its French would silently be English.</summary>
    [Fact]
    public void No_two_keys_of_a_file_differ_only_by_case()
    {
        var clashes = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Web, "Features"), "Strings.fr.resx", SearchOption.AllDirectories)
            .SelectMany(resx => Read(resx).GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"{resx}: {string.Join(" / ", g.Select(x => x.Key))}"))
            .ToList();
        Assert.True(clashes.Count == 0, "Keys differing only by case:\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void French_translations_keep_their_placeholders()
    {
        var broken = new List<string>();
        foreach (var resx in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Web, "Features"), "Strings.fr.resx", SearchOption.AllDirectories))
            foreach (var (key, value) in Read(resx))
            {
                var expected = Regex.Matches(key, @"\{\d+\}").Select(m => m.Value).Order();
                var actual = Regex.Matches(value, @"\{\d+\}").Select(m => m.Value).Distinct().Order();
                if (!expected.Distinct().SequenceEqual(actual)) broken.Add($"{resx}: {key}");
            }
        Assert.True(broken.Count == 0, "Placeholders differ:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void No_view_imports_a_feature_namespace_whose_strings_would_shadow_the_views_own()
    {
        // Razor puts @using directives inside the view's namespace declaration, and C# searches them before the
        // enclosing namespaces: "@using ...Features.Accounts" would make L resolve to Accounts.Strings in nested views.
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Web, "Features"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select(line => (File: f, Line: line.Trim())))
            .Where(x => Regex.IsMatch(x.Line, @"^@using\s+RisingGoal\.Community\.Features(\.\w+)*\s*$"))
            .Where(x => File.Exists(Path.Combine(RepositoryPaths.Web,
                string.Join(Path.DirectorySeparatorChar, x.Line["@using RisingGoal.Community.".Length..].Trim().Split('.')), "Strings.cs")))
            // A view whose own folder has Strings.cs is safe: the namespace's own members are searched first.
            .Where(x => Path.GetFileName(x.File) == "_ViewImports.cshtml" || !File.Exists(Path.Combine(Path.GetDirectoryName(x.File)!, "Strings.cs")))
            .Select(x => $"{Path.GetRelativePath(RepositoryPaths.Web, x.File)}: {x.Line}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use an alias or a fully qualified name instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Types_find_the_strings_of_their_feature_or_the_shared_ones()
    {
        Assert.Equal(typeof(Features.Errors.Strings), FeatureStrings.For(typeof(Features.Errors.ErrorModel)));
        Assert.Equal(typeof(Features.Strings), FeatureStrings.For(typeof(Infrastructure.Web.SecurityHeaders)));
    }

    private static HashSet<string> TranslationsVisibleFrom(string directory, string featuresRoot)
    {
        var keys = new HashSet<string>();
        for (var dir = directory; dir.StartsWith(featuresRoot); dir = Path.GetDirectoryName(dir)!)
        {
            var resx = Path.Combine(dir, "Strings.fr.resx");
            if (File.Exists(resx))
                keys.UnionWith(Read(resx).Select(e => e.Key));
            if (dir == featuresRoot) break;
        }
        return keys;
    }

    internal static IEnumerable<(string Key, string Value)> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .Select(d => (d.Attribute("name")!.Value, d.Element("value")?.Value ?? ""));
}
