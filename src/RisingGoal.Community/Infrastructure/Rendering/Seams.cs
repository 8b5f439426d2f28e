namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// Long e-mail addresses and names break at their seams on a phone, not mid-word: a line may end after "@", or before a
/// dot, a hyphen or an underscore (so no line ends on a "-" that reads as a hyphenation). Each piece between seams is kept
/// whole (.seam, nowrap) unless it is longer than a phone's line could hold; the stylesheet's break-word stays the last
/// resort for such a piece. Plain text only: the view <c>_Seams.cshtml</c> (and <c>_SeamsSentence.cshtml</c>, for a translated sentence around one) writes the pieces, encoded as any text, on one line with no
/// whitespace (a space there would show inside a name).
/// </summary>
public static class Seams
{
    /// <summary>The longest piece kept whole: 20 characters fit a 390 px phone even in a heading.</summary>
    private const int WholePiece = 20;

    /// <summary>A piece of the text; <paramref name="BreakBefore"/> for every piece but the first (a &lt;wbr&gt; goes there).</summary>
    public sealed record Piece(string Text, bool KeptWhole, bool BreakBefore);

    /// <summary>The pieces of <paramref name="value"/>, in order; a line may break between any two.</summary>
    public static IReadOnlyList<Piece> Pieces(string? value)
    {
        if (string.IsNullOrEmpty(value)) return [];
        var pieces = new List<Piece>();
        var start = 0;
        for (var i = 1; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] is not ('.' or '-' or '_') && value[i - 1] != '@') continue;
            pieces.Add(new Piece(value[start..i], i - start <= WholePiece, start > 0));
            start = i;
        }
        return pieces;
    }

    /// <summary>A translated sentence with one "{0}", cut around it (the whole sentence before it when there is none).</summary>
    public static (string Before, string After) Around(string template)
    {
        var at = template.IndexOf("{0}", StringComparison.Ordinal);
        return at < 0 ? (template, "") : (template[..at], template[(at + 3)..]);
    }
}
