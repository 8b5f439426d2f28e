using System.Reflection;
using System.Text.RegularExpressions;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Cases;

/// <summary>
/// Every regular expression of the app is a source-generated one on the linear-time engine, so no text a member
/// sends can make a pattern backtrack: checked on the options (no wall clock), then by running each pattern once on
/// 100 KB of the inputs that make backtracking patterns quadratic or worse.
/// </summary>
public sealed class RegexSafetyTests
{
    private static readonly Assembly App = typeof(MarkdownRenderer).Assembly;

    public static TheoryData<string> Patterns()
    {
        var data = new TheoryData<string>();
        foreach (var method in GeneratedPatterns())
            data.Add($"{method.DeclaringType!.FullName}.{method.Name}");
        return data;
    }

    private static IEnumerable<MethodInfo> GeneratedPatterns() =>
        App.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<GeneratedRegexAttribute>() is not null);

    private static Regex Pattern(string name) =>
        (Regex)GeneratedPatterns().Single(m => $"{m.DeclaringType!.FullName}.{m.Name}" == name).Invoke(null, null)!;

    private static readonly string[] Adversarial =
    [
        Repeat("a-"), Repeat("a") + "@", Repeat("a."), Repeat("a.") + "@", "a@" + Repeat("a."), Repeat("1 ") + "x", Repeat("1.") + "a",
        Repeat("@a"), "http://" + Repeat("a"), Repeat("www."), Repeat("-a"), Repeat("a'"), Repeat("1 ") + "personnesx", Repeat("/cases/1"),
        Repeat("\u00e9-"), Repeat("(1"),
    ];

    private static string Repeat(string unit) => string.Concat(Enumerable.Repeat(unit, 100_000 / unit.Length));

    [Fact]
    public void The_app_has_generated_patterns_to_check()
    {
        Assert.True(Patterns().Count >= 9, string.Join(", ", Patterns()));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Each_pattern_runs_on_the_linear_time_engine_and_gets_through_100_KB_of_adversarial_text(string name)
    {
        var regex = Pattern(name);

        Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking), $"{name}: {regex.Options}");
        foreach (var input in Adversarial)
            _ = regex.Matches(input).Count;   // NonBacktracking: linear in the input, never a timeout
    }

    [Fact]
    public void No_code_builds_a_pattern_at_run_time_outside_the_checked_ones()
    {
        // Static Regex helpers and constructors would escape the test above: every pattern is a [GeneratedRegex].
        var adHoc = Directory.EnumerateFiles(RepositoryPaths.Web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"))
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"new Regex\(|Regex\.(IsMatch|Match|Matches|Replace|Split)\("))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(adHoc);
    }

    [Fact]
    public void The_privacy_check_gets_through_the_largest_accepted_case_of_adversarial_text()
    {
        foreach (var input in Adversarial)
            _ = Features.Cases.PrivacyAssistant.Check(new Features.Cases.PrivacyInput([input[..Features.Cases.CaseLimits.BodyMax]], Features.Cases.SizeBand.From1To10, null));
    }
}
