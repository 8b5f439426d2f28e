using System.Text;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// French typography on the text members write, as a pass over Markdig's literal text nodes: the space a writer typed
/// before ":" becomes a no-break space (U+00A0), before ";", "?" and "!" a narrow no-break space (U+202F), inside « »
/// a no-break space, and an apostrophe after a letter the typographic ’.
/// </summary>
/// <remarks>
/// Cases do not record their language, so the pass only changes spaces the writer typed (English puts none there) and
/// apostrophes (curly in both languages): English text comes out unchanged but for its apostrophes. Code spans and
/// code blocks are not literal nodes; the text of autolinks and images (an URL, an alt attribute) is skipped, and link
/// destinations and titles are attributes, never literals.
/// </remarks>
public static class FrenchTypography
{
    private const char NoBreakSpace = '\u00A0';
    private const char NarrowNoBreakSpace = '\u202F';

    public static void Apply(MarkdownDocument document)
    {
        // In document order, so a literal's left neighbour is already done.
        foreach (var literal in document.Descendants<LiteralInline>())
            if (!IsInsideSkipped(literal))
                Fix(literal, literal.PreviousSibling as LiteralInline);
    }

    /// <summary>
    /// The same pass over plain text already cut from a rendered body (a search snippet, whose no-break spaces the
    /// index turned into plain ones). The search highlight's control characters around a word are looked through, so
    /// a marked word followed by " ?" still gets its narrow no-break space, and the marks stay where they were.
    /// </summary>
    public static string Text(string? text) => string.IsNullOrEmpty(text) ? "" : Fix(text, '\0');

    private static bool IsInsideSkipped(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
            if (parent is LinkInline { IsAutoLink: true } or LinkInline { IsImage: true })
                return true;
        return false;
    }

    private static void Fix(LiteralInline literal, LiteralInline? previous)
    {
        var original = literal.Content.ToString();
        if (original.Length == 0) return;
        var text = original;
        var before = '\0';
        // Markdig cuts literals at characters that may open an inline ("!" for images, "h" for autolinks...): the space
        // before "!" or after "«" may sit at the edge of the neighbouring literal.
        if (previous is { Content.Length: > 0 })
        {
            var prior = previous.Content.ToString();
            if (prior[^1] == ' ' && SpaceBefore(text[0]) is { } space)
                previous.Content = new StringSlice(prior[..^1] + space);
            before = prior[^1];
        }
        text = Fix(text, before);
        if (!ReferenceEquals(text, original))
            literal.Content = new StringSlice(text);
    }

    private static string Fix(string text, char before)
    {
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                ' ' when SpaceBefore(Next(text, i)) is { } space => space,
                ' ' when Next(text, i) == '»' || Previous(text, i, before) == '«' => NoBreakSpace,
                '\'' when char.IsLetter(Previous(text, i, before)) => '’',
                _ => c,
            };
            if (replacement != c)
                result ??= new StringBuilder(text, 0, i, text.Length);
            result?.Append(replacement);
        }
        return result?.ToString() ?? text;
    }

    // Neighbours past the search highlight's marks (STX/ETX), which never stand for a character a reader sees.
    private static bool IsMark(char c) => c is '\u0002' or '\u0003';

    private static char Next(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++)
            if (!IsMark(text[j])) return text[j];
        return '\0';
    }

    private static char Previous(string text, int i, char before)
    {
        for (var j = i - 1; j >= 0; j--)
            if (!IsMark(text[j])) return text[j];
        return before;
    }

    private static char? SpaceBefore(char punctuation) => punctuation switch
    {
        ':' => NoBreakSpace,
        ';' or '?' or '!' => NarrowNoBreakSpace,
        _ => null,
    };
}
