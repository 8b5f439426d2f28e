using System.Text.RegularExpressions;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Content;

namespace RisingGoal.Community.Tests.Localization;

/// <summary>
/// French strings follow French typography: a no-break space before ":" (U+00A0) and a narrow one before ";", "?" and
/// "!" (U+202F), inside « », curly apostrophes, and no "(s)" (counts go through Plurals).
/// </summary>
public sealed partial class FrenchTypographyTests
{
    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex FormatItem();

    [Fact]
    public void No_french_resource_string_breaks_french_typography()
    {
        var faults = new List<string>();
        foreach (var resx in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Web, "Features"), "Strings.fr.resx", SearchOption.AllDirectories))
            foreach (var (key, value) in TranslationCoverageTests.Read(resx))
                faults.AddRange(Faults(value).Select(f => $"{Path.GetRelativePath(RepositoryPaths.Web, resx)}: \"{key}\": {f}"));
        Assert.True(faults.Count == 0, "French typography:\n" + string.Join("\n", faults));
    }

    /// <summary>Tag names and definitions are shown on French pages (the composer, tag pages, the vocabulary) as written.</summary>
    [Fact]
    public void No_french_taxonomy_name_or_definition_breaks_french_typography()
    {
        var library = new ContentLibrary(Path.Combine(RepositoryPaths.Root, "content"));
        var faults = TaxonomyFile.Folders.Keys
            .SelectMany(folder => library.Read<TaxonomyFile>($"taxonomy/{folder}").Documents)
            .SelectMany(d => new[] { d.Meta.Name.Fr, d.Meta.Description.Fr }.SelectMany(text => Faults(text ?? "").Select(f => $"{d.FileName}: {f} in \"{text}\"")))
            .ToList();
        Assert.True(faults.Count == 0, "French typography:\n" + string.Join("\n", faults));
    }

    [Theory]
    [InlineData("Adresse actuelle : {0}", "plain space before :")]
    [InlineData("Mot de passe oublié ?", "plain space before ?")]
    [InlineData("Voilà !", "plain space before !")]
    [InlineData("une chose ; une autre", "plain space before ;")]
    [InlineData("Mot de passe oublié?", "no space before ?")]
    [InlineData("l'adresse", "straight apostrophe")]
    [InlineData("{0} message(s)", "(s)")]
    [InlineData("« Autre »", "plain space inside « »")]
    [InlineData("Oublié\u00A0?", "wide no-break space before ?")]
    [InlineData("pour «\u00A0\u202Faligner\u202F\u00A0»", "two spaces in a row inside « »")]
    public void The_check_catches_each_fault(string value, string fault) => Assert.True(Faults(value).Any(), fault);

    [Theory]
    [InlineData("Adresse actuelle\u00A0: {0}")]
    [InlineData("Mot de passe oublié\u202F? Une chose\u202F; une autre\u202F!")]
    [InlineData("l’adresse «\u00A0Autre\u00A0»")]
    [InlineData("Le {0:N0} et {1:d}")]
    public void Correct_french_passes(string value) => Assert.Empty(Faults(value));

    private static IEnumerable<string> Faults(string value)
    {
        var text = FormatItem().Replace(value, "0");
        if (Regex.IsMatch(text, @" [:;?!]")) yield return "plain space before : ; ? !";
        if (Regex.IsMatch(text, @"[^\s\u00A0\u202F][:;?!](?:\s|$)") && !Regex.IsMatch(text, @"\d:\d")) yield return "no space before : ; ? !";
        if (Regex.IsMatch(text, "\u00A0[;?!]|\u202F:")) yield return "wrong kind of no-break space";
        if (text.Contains('\'')) yield return "straight apostrophe";
        if (text.Contains("(s)")) yield return "(s)";
        if (Regex.IsMatch(text, "«(?!\u00A0)|(?<!\u00A0)»")) yield return "« » without no-break spaces inside";
        if (Regex.IsMatch(text, "[ \u00A0\u202F]{2}")) yield return "two spaces in a row";
    }
}
