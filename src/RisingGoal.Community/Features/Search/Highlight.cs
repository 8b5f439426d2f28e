namespace RisingGoal.Community.Features.Search;

/// <summary>
/// Snippets come back from the index with control characters around matched words. Views render the pieces as
/// encoded text, wrapping marked ones in &lt;mark&gt; — no raw HTML. The markers are stripped from indexed text.
/// </summary>
public static class Highlight
{
    public const char Start = '\u0002';
    public const char End = '\u0003';

    public sealed record Piece(string Text, bool Marked);

    public static IReadOnlyList<Piece> Pieces(string? marked)
    {
        var pieces = new List<Piece>();
        if (string.IsNullOrEmpty(marked)) return pieces;
        var inside = false;
        var start = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != Start && marked[i] != End) continue;
            if (i > start) pieces.Add(new Piece(marked[start..i], inside));
            if (i < marked.Length) inside = marked[i] == Start;
            start = i + 1;
        }
        return pieces;
    }

    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace(Start, ' ').Replace(End, ' ');
}
