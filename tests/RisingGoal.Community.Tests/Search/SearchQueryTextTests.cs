using Microsoft.Data.Sqlite;
using RisingGoal.Community.Features.Search;

namespace RisingGoal.Community.Tests.Search;

/// <summary>Every query, however hostile, becomes an FTS5 expression that the real engine accepts.</summary>
public sealed partial class SearchQueryTextTests : IDisposable
{
    private readonly SqliteConnection _db = new("Data Source=:memory:");

    public SearchQueryTextTests()
    {
        _db.Open();
        using var create = _db.CreateCommand();
        create.CommandText = SqliteSearchIndex.CreateSql + ";" +
            "INSERT INTO SearchIndex (rowid, title, summary, body) VALUES " +
            "(2, 'Exécution sans arbitrage', 'Les tensions reviennent', 'Le NEAR et le NOT sont des mots ; title: aussi.')";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();

    public static TheoryData<string> Hostile() =>
    [
        "\"", "\"\"", "\"unbalanced", "*", "**", "a*b", "(", ")))", "(a OR b", "a) OR (b", "AND", "OR", "NOT", "NEAR",
        "AND OR NOT NEAR", "NEAR(a b, 3)", "a NOT", "title:secret", "body : x", "{title summary}: x", "^start", "-", "- a",
        "+a", "a + b", "'", "l'exécution", "' OR 1=1 --", "\\", "\0", "\u0002\u0003", "🙂", "a:b:c", "x^y", "col:*",
        "\"a\" \"b\"", "\"\"\"", "*NEAR*", "exé\u0301cution", new string('a', 5000), string.Join(' ', Enumerable.Repeat("mot", 500)),
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_gives_a_valid_expression_or_nothing(string input)
    {
        var fts = SearchQueryText.ToFts5(input);
        if (!input.Any(char.IsLetterOrDigit))
        {
            Assert.Null(fts);   // nothing searchable: no query at all
            return;
        }
        // Only quoted prefix terms: no operator, column filter or bare star survives as syntax...
        Assert.NotNull(fts);
        Assert.Matches(QuotedPrefixTerms(), fts);
        // ...and the real engine accepts it (a syntax error throws SqliteException).
        using var query = _db.CreateCommand();
        query.CommandText = "SELECT count(*) FROM SearchIndex WHERE SearchIndex MATCH $q";
        query.Parameters.AddWithValue("$q", fts);
        Assert.IsType<long>(query.ExecuteScalar());
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_gives_a_valid_whole_word_expression_or_nothing(string input)
    {
        var fts = SearchQueryText.ToFts5WholeWords(SearchQueryText.Terms(input));
        if (!input.Any(char.IsLetterOrDigit)) { Assert.Null(fts); return; }
        Assert.NotNull(fts);
        using var query = _db.CreateCommand();
        query.CommandText = "SELECT count(*) FROM SearchIndex WHERE SearchIndex MATCH $q";
        query.Parameters.AddWithValue("$q", fts);
        Assert.IsType<long>(query.ExecuteScalar());
    }

    [Theory]
    [InlineData("tensions", 1L)]    // folded to "tension", its plural is a whole word of the entry
    [InlineData("tension", 1L)]
    [InlineData("EXÉCUTION arbitrages", 1L)]
    [InlineData("tens", 0L)]        // a word typed in part is left to the prefix query
    [InlineData("exécutions arbitre", 0L)]
    public void Whole_words_match_a_word_and_its_plural_but_not_a_longer_word(string input, long expected)
    {
        using var query = _db.CreateCommand();
        query.CommandText = "SELECT count(*) FROM SearchIndex WHERE SearchIndex MATCH $q";
        query.Parameters.AddWithValue("$q", SearchQueryText.ToFts5WholeWords(SearchQueryText.Terms(input)));
        Assert.Equal(expected, query.ExecuteScalar());
    }

    [System.Text.RegularExpressions.GeneratedRegex("^\"[^\"\\s]+\"\\*( \"[^\"\\s]+\"\\*)*$")]
    private static partial System.Text.RegularExpressions.Regex QuotedPrefixTerms();

    [Theory]
    [InlineData("*")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("()^:-")]
    [InlineData(null)]
    public void Nothing_searchable_gives_null(string? input) => Assert.Null(SearchQueryText.ToFts5(input));

    [Theory]
    [InlineData("Exécution", "\"exécution\"*")]
    [InlineData("tensions", "\"tension\"*")]
    [InlineData("NOT near", "\"not\"* \"near\"*")]
    [InlineData("title:secret", "\"title\"* \"secret\"*")]
    [InlineData("bus 2025s", "\"bus\"* \"2025s\"*")]
    public void Words_are_quoted_prefixes_folded_to_singular(string input, string expected) =>
        Assert.Equal(expected, SearchQueryText.ToFts5(input));

    [Theory]
    [InlineData("execution")]
    [InlineData("EXÉCUTION")]
    [InlineData("tension")]
    [InlineData("near not")]
    [InlineData("title")]
    public void Operators_and_accents_are_only_words(string input)
    {
        using var query = _db.CreateCommand();
        query.CommandText = "SELECT count(*) FROM SearchIndex WHERE SearchIndex MATCH $q";
        query.Parameters.AddWithValue("$q", SearchQueryText.ToFts5(input));
        Assert.Equal(1L, query.ExecuteScalar());
    }

    [Fact]
    public void Highlight_pieces_split_on_the_markers_only()
    {
        var pieces = Highlight.Pieces("a <b> \u0002mot\u0003 & c");
        Assert.Equal([new Highlight.Piece("a <b> ", false), new Highlight.Piece("mot", true), new Highlight.Piece(" & c", false)], pieces);
    }

    [Theory]
    [InlineData("Équipes régulées", "équipe:* & régulée:*")]
    [InlineData("a & b | !c <-> d:*", "a:* & b:* & c:* & d:*")]
    [InlineData("'x' OR (y)", "x:* & or:* & y:*")]
    public void PostgreSQL_queries_are_prefix_terms_joined_by_and_with_no_reader_operator(string input, string expected) =>
        Assert.Equal(expected, PostgresSearchIndex.ToTsQuery(SearchQueryText.Terms(input)));

    [Fact]
    public void Nothing_searchable_gives_no_postgresql_query() => Assert.Null(PostgresSearchIndex.ToTsQuery(SearchQueryText.Terms("&|!():*")));
}
