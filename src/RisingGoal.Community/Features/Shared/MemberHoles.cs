using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace RisingGoal.Community.Features.Shared;

/// <summary>
/// A page with parts that belong to the member who asks (the edit link of their own reply): rendered as holes in the
/// HTML shared by every member, each filled per request by <see cref="FillHole"/> from the member's own data, as the
/// antiforgery token is. So the shared HTML never carries one member's parts, and one rendering serves them all.
/// </summary>
public interface IMemberPageHoles
{
    /// <summary>The HTML of the hole named <paramref name="key"/> (see <see cref="MemberHoles.Mark"/>) for this request's member.</summary>
    string FillHole(string key);
}

/// <summary>
/// The marks a view writes where a hole is. Only written when <see cref="MemberPagesFilter"/> will fill them (it
/// activated holes for this request before the handler ran); otherwise the view writes the member's part itself.
/// </summary>
public static class MemberHoles
{
    // Random per process: no member's text can forge a hole, and no filled page shows it.
    private static readonly string Opening = $"<!--hole-{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}:";
    private const string Closing = "-->";
    private static readonly object ActiveKey = new();

    public static bool Active(HttpContext http) => http.Items.ContainsKey(ActiveKey);

    internal static void Activate(HttpContext http) => http.Items[ActiveKey] = true;

    public static IHtmlContent Mark(string key) => new HtmlString(Opening + key + Closing);

    /// <summary>
    /// <paramref name="html"/> cut at every <paramref name="token"/> (a null hole) and every marked hole: literal parts
    /// with the holes between them (one fewer).
    /// </summary>
    internal static HtmlTemplate Cut(string html, string token)
    {
        var literals = new List<byte[]>();
        var holes = new List<string?>();
        var pieces = html.Split(token);
        for (var p = 0; p < pieces.Length; p++)
        {
            if (p > 0) holes.Add(null);
            var piece = pieces[p];
            var start = 0;
            int at;
            while ((at = piece.IndexOf(Opening, start, StringComparison.Ordinal)) >= 0)
            {
                var end = piece.IndexOf(Closing, at + Opening.Length, StringComparison.Ordinal);
                if (end < 0) break;
                literals.Add(Encoding.UTF8.GetBytes(piece[start..at]));
                holes.Add(piece[(at + Opening.Length)..end]);
                start = end + Closing.Length;
            }
            literals.Add(Encoding.UTF8.GetBytes(piece[start..]));
        }
        return new HtmlTemplate([.. literals], [.. holes]);
    }
}

/// <summary>Kept HTML: <see cref="Literals"/> with <see cref="Holes"/> between them (null: the antiforgery token).</summary>
internal sealed record HtmlTemplate(byte[][] Literals, string?[] Holes)
{
    public int Length { get; } = Literals.Sum(l => l.Length);

    private byte[][]? _deflated;

    /// <summary>Each literal deflated once, at the first reader who accepts gzip (<see cref="SplicedGzip"/>).</summary>
    private byte[][] Deflated => LazyInitializer.EnsureInitialized(ref _deflated, () => [.. Literals.Select(SplicedGzip.Deflate)]);

    /// <summary>
    /// The page with its holes filled, as one body of known length: one write and one flush. Written piece by piece, a
    /// long discussion (a hole per reply) cost a lock and a flush per piece in Kestrel, and a socket send for most of them
    /// (bench/results/2026-12-03-profile-member-case.md). With <paramref name="spliceGzip"/> (a kept page, read again)
    /// and a reader who accepts gzip, the body is gzip spliced from the literals deflated once.
    /// </summary>
    public async Task WriteAsync(HttpResponse response, byte[] token, IMemberPageHoles? filler, CancellationToken ct, bool spliceGzip = false)
    {
        var fills = new byte[Holes.Length][];
        long length = Length;
        for (var i = 0; i < Holes.Length; i++)
        {
            // A page that marks holes fills them; any other leaves them empty rather than show a mark.
            fills[i] = Holes[i] is { } key ? Encoding.UTF8.GetBytes(filler?.FillHole(key) ?? "") : token;
            length += fills[i].Length;
        }
        var gzip = spliceGzip && SplicedGzip.Accepted(response.HttpContext.Request);
        if (gzip) SplicedGzip.MarkResponse(response);
        response.ContentLength = gzip ? SplicedGzip.Length(Deflated, fills) : length;
        // Headers first: a body written before them is held in Kestrel's side buffer and copied again once they go
        // (4 % of a long discussion's page: bench/results/2026-12-03-profile-member-tag.md).
        await response.StartAsync(ct);
        var writer = response.BodyWriter;
        if (gzip)
            SplicedGzip.Write(writer, Literals, Deflated, fills);
        else
            for (var i = 0; i < Literals.Length; i++)
            {
                writer.Write(Literals[i]);
                if (i < fills.Length) writer.Write(fills[i]);
            }
        await writer.FlushAsync(ct);
    }
}
