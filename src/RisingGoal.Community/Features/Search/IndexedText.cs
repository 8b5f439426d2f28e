using System.Net;
using System.Text;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// The plain text the index holds for a body, read from its stored HTML (already rendered and sanitised when it was
/// written): a linear scan, about twenty times cheaper than parsing the Markdown again, which made a rebuild of the full
/// data set spend most of its time in Markdig. The same function serves a single re-index and a rebuild, so both give
/// the same entries. The text is what readers see: words joined by inline tags stay joined, blocks start a new line,
/// entities are decoded, and the no-break spaces of French typography become plain spaces (PostgreSQL's parser
/// would otherwise glue them to the word before).
/// </summary>
public static class IndexedText
{
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            AppendText(text, html, i, (lt < 0 ? html.Length : lt) - i);
            if (lt < 0) break;
            var gt = TagEnd(html, lt);
            if (IsBlockBoundary(html, lt + 1)) NewLine(text);
            i = gt + 1;
        }
        text.Replace('\u00A0', ' ').Replace('\u202F', ' ').Replace('\u2009', ' ').Replace('\u2007', ' ');
        return Highlight.Clean(text.ToString().Trim());
    }

    /// <summary>The '&gt;' closing the tag at <paramref name="lt"/>, past quoted attribute values (an alt text may hold '&gt;').</summary>
    private static int TagEnd(string html, int lt)
    {
        for (var j = lt + 1; j < html.Length; j++)
        {
            var c = html[j];
            if (c == '>') return j;
            if (c is '"' or '\'')
            {
                var close = html.IndexOf(c, j + 1);
                if (close < 0) return html.Length - 1;
                j = close;
            }
        }
        return html.Length - 1;
    }

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tr", "td", "th",
        "h1", "h2", "h3", "h4", "h5", "h6", "section", "figure", "figcaption",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockNames = Blocks.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the tag whose name starts at <paramref name="start"/> (after '&lt;' and an optional '/') separates blocks or cells.</summary>
    private static bool IsBlockBoundary(string html, int start)
    {
        if (start < html.Length && html[start] == '/') start++;
        var end = start;
        while (end < html.Length && char.IsAsciiLetterOrDigit(html[end])) end++;
        return end > start && BlockNames.Contains(html.AsSpan(start, end - start));
    }

    private static void NewLine(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
    }

    private static void AppendText(StringBuilder text, string html, int start, int length)
    {
        if (length <= 0) return;
        var segment = html.AsSpan(start, length);
        if (text.Length > 0 && text[^1] == '\n' && segment.IsWhiteSpace()) return;   // indentation between blocks
        if (segment.Contains('&')) text.Append(WebUtility.HtmlDecode(segment.ToString()));
        else text.Append(segment);
    }
}
