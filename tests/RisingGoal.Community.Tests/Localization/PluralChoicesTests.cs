using System.Text.RegularExpressions;

namespace RisingGoal.Community.Tests.Localization;

/// <summary>
/// A count's words are chosen by <c>L.Plural</c> (French takes the singular for 0 and 1), never by comparing the count
/// with 1 by hand: "0 nouvelle réponse", not "0 nouvelles réponses".
/// </summary>
public sealed partial class PluralChoicesTests
{
    /// <summary><c>n == 1 ? L["…"]</c>, <c>n != 1 ? l["…"]</c>, <c>n > 1 ? S["…"]</c>: a text picked by comparing with 1.</summary>
    [GeneratedRegex(@"(?:==|!=|>|<=)\s*1\s*\?\s*(?:L|S|l|T|Localizer|localizer)\[")]
    private static partial Regex HandMadePlural();

    [Fact]
    public void Counted_words_go_through_the_plural_helper()
    {
        var features = Path.Combine(RepositoryPaths.Web, "Features");
        var offenders = Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml") || f.EndsWith(".cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Number: i + 1, Line: line)))
            .Where(x => HandMadePlural().IsMatch(x.Line))
            .Select(x => $"{Path.GetRelativePath(features, x.File)}:{x.Number}: {x.Line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Use L.Plural(count, one, other):\n" + string.Join("\n", offenders));
    }
}
