using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// Long e-mail addresses and names break at their seams on a phone, not mid-word: a line may end after "@", or before a
/// dot, a hyphen or an underscore (so no line ends on a "-" that reads as a hyphenation). Each piece between seams is kept
/// whole (.seam, nowrap) unless it is longer than a phone's line could hold; the stylesheet's break-word stays the last
/// resort for such a piece.
/// </summary>
public static class Seams
{
    /// <summary>The longest piece kept whole: 20 characters fit a 390 px phone even in a heading.</summary>
    private const int WholePiece = 20;

    public static IHtmlContent Breakable(string? value)
    {
        if (string.IsNullOrEmpty(value)) return HtmlString.Empty;
        var text = value;
        var html = new StringBuilder();
        var start = 0;
        void Piece(int end)
        {
            var piece = HtmlEncoder.Default.Encode(text[start..end]);
            html.Append(end - start <= WholePiece ? $"<span class=\"seam\">{piece}</span>" : piece);
            start = end;
        }
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] is '.' or '-' or '_') Piece(i);
            else if (text[i - 1] == '@') Piece(i);
            else continue;
            html.Append("<wbr>");
        }
        Piece(text.Length);
        return new HtmlString(html.ToString());
    }

    /// <summary>A translated sentence with one "{0}", filled with <paramref name="value"/> breakable in a span of <paramref name="className"/>.</summary>
    public static IHtmlContent Fill(string template, string? value, string className)
    {
        var at = template.IndexOf("{0}", StringComparison.Ordinal);
        if (at < 0) return new HtmlString(HtmlEncoder.Default.Encode(template));
        var content = new HtmlContentBuilder();
        content.Append(template[..at]);
        content.AppendHtml($"<span class=\"{className}\">");
        content.AppendHtml(Breakable(value));
        content.AppendHtml("</span>");
        content.Append(template[(at + 3)..]);
        return content;
    }
}
