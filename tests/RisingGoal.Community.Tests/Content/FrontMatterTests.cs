using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Content;

namespace RisingGoal.Community.Tests.Content;

public sealed class FrontMatterTests
{
    [Fact]
    public void Parses_nested_localised_fields_and_keeps_the_body()
    {
        var (meta, body) = FrontMatter.Parse<TaxonomyFile>(
            "---\r\nslug: apparent-alignment\r\norder: 10\r\nname:\r\n  fr: \"Alignement apparent\"\r\n  en: Apparent alignment\r\n" +
            "description:\r\n  fr: Synchronisé, pas aligné.\r\n  en: Synchronised, not aligned.\r\nunknown: ignored\r\n---\r\n\r\nA longer text.\r\n\r\n---\r\nStill body.\r\n");

        Assert.Equal("apparent-alignment", meta.Slug);
        Assert.Equal(10, meta.Order);
        Assert.Equal("Alignement apparent", meta.Name.Fr);
        Assert.Equal("Apparent alignment", meta.Name.En);
        Assert.Equal("Synchronised, not aligned.", meta.Description.En);
        Assert.Equal("A longer text.\n\n---\nStill body.", body);
    }

    [Fact]
    public void Empty_front_matter_and_empty_body_are_allowed()
    {
        var (meta, body) = FrontMatter.Parse<TaxonomyFile>("---\n---\n");
        Assert.Null(meta.Slug);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("slug: no-delimiters\n")]
    [InlineData("---\nslug: never-closed\n")]
    [InlineData("---\nslug: [unclosed\nname: {fr: x\n---\n")]
    [InlineData("---\nslug: a\n  bad indentation: here\n---\n")]
    [InlineData("---\norder: not-a-number\n---\n")]
    public void Malformed_files_throw_a_front_matter_exception(string text)
    {
        Assert.Throws<FrontMatterException>(() => FrontMatter.Parse<TaxonomyFile>(text));
    }

    [Fact]
    public void Library_reports_bad_files_by_name_and_reads_the_rest()
    {
        var root = Path.Combine(Path.GetTempPath(), "rg-unit", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "pages"));
        try
        {
            File.WriteAllText(Path.Combine(root, "pages", "b.fr.md"), "---\ntitle: B\n---\nBody");
            File.WriteAllText(Path.Combine(root, "pages", "a.fr.md"), "---\ntitle: [oops\n---\n");
            File.WriteAllText(Path.Combine(root, "pages", "notes.txt"), "ignored");

            var set = new ContentLibrary(root).Read<Dictionary<string, string>>("pages");

            Assert.Equal("pages/b.fr.md", Assert.Single(set.Documents).FileName);
            Assert.Equal("pages/a.fr.md", Assert.Single(set.Errors).FileName);
            Assert.Empty(new ContentLibrary(root).Read<Dictionary<string, string>>("missing").Documents);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Drift types, tensions, symptoms and safeguards show side by side (chips, the matrix, digests, feed titles):
    /// one case convention in both languages, sentence case, so "Cadre vs Culture" does not sit next to
    /// "Framework vs culture". Acronyms (OKR, OKRs) keep their capitals.
    /// </summary>
    [Fact]
    public void Taxonomy_names_are_in_sentence_case_in_both_languages()
    {
        var library = new ContentLibrary(Path.Combine(RepositoryPaths.Root, "content"));
        var capitalised = TaxonomyFile.Folders.Keys
            .SelectMany(folder => library.Read<TaxonomyFile>($"taxonomy/{folder}").Documents)
            .SelectMany(d => new[] { d.Meta.Name.Fr!, d.Meta.Name.En! })
            .Where(name => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Any(word => char.IsUpper(word[0]) && !IsAcronym(word)))
            .ToList();
        Assert.Empty(capitalised);
    }

    /// <summary>"OKR", "OKRs".</summary>
    private static bool IsAcronym(string word) =>
        word.TrimEnd('s').Where(char.IsLetter).ToList() is { Count: >= 2 } letters && letters.All(char.IsUpper);

    [Fact]
    public void Repository_content_parses_without_errors()
    {
        var library = new ContentLibrary(Path.Combine(RepositoryPaths.Root, "content"));
        foreach (var folder in TaxonomyFile.Folders)
        {
            var set = library.Read<TaxonomyFile>($"taxonomy/{folder.Key}");
            Assert.Empty(set.Errors);
            Assert.All(set.Documents, d => Assert.Empty(d.Meta.Problems(folder.Value)));
            Assert.All(set.Documents, d => Assert.Equal($"taxonomy/{folder.Key}/{d.Meta.Slug}.md", d.FileName));
        }
        var pages = library.Read<Dictionary<string, string>>("pages");
        Assert.Empty(pages.Errors);
        foreach (var slug in new[] { "about", "guidelines", "writing-a-good-case", "safeguards" })
            foreach (var language in new[] { "fr", "en" })
                Assert.Contains(pages.Documents, d => d.FileName == $"pages/{slug}.{language}.md" && d.Meta.ContainsKey("title") && d.Meta.ContainsKey("description"));
    }
}
