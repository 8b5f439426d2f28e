using System.Text.RegularExpressions;

namespace RisingGoal.Community.Tests.Rendering;

/// <summary>
/// Every colour comes from the tokens (light-dark pairs in the stylesheet's <c>:root</c>): a colour written anywhere else
/// stays the same in the dark theme (a white box under light text: the phone matrix and the composer's error summary were).
/// Shadows may darken in either theme.
/// </summary>
public sealed partial class StylesheetColourTests
{
    [Fact]
    public void No_rule_outside_the_tokens_writes_a_colour_of_its_own()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "wwwroot", "css", "site.css"));
        var tokensStart = Array.FindIndex(lines, l => l.StartsWith(":root {", StringComparison.Ordinal));
        var tokensEnd = Array.FindIndex(lines, tokensStart, l => l.StartsWith('}'));
        Assert.True(tokensStart >= 0 && tokensEnd > tokensStart, "the :root token block was not found");

        var offenders = lines.Select((text, i) => (Line: i + 1, Text: text))
            .Where(l => (l.Line - 1 < tokensStart || l.Line - 1 > tokensEnd) && ColourLiteral().IsMatch(Shadow().Replace(l.Text, "")))
            .Select(l => $"site.css:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|oklch)\(|:\s*(?:white|black)\s*[;}]")]
    private static partial Regex ColourLiteral();

    [GeneratedRegex(@"box-shadow:[^;}]*")]
    private static partial Regex Shadow();
}
