using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Microsoft.Net.Http.Headers;

namespace RisingGoal.Community.Features.Shared;

/// <summary>
/// One gzip stream spliced from pieces deflated once and kept (a kept member page's literals) and pieces that change
/// per request (its holes: the token, the member's own links), as Varnish splices ESI fragments. Each kept piece is
/// deflated by a fresh compressor and sync-flushed: it ends on a byte boundary, is not final and refers to nothing
/// before it, so pieces may follow one another; holes, a few hundred bytes, go in stored (uncompressed) blocks. A
/// final empty block, the CRC-32 and the length close the stream (RFC 1951 §3.2.4, RFC 1952 §2.3).
/// <para>
/// Why: compressing a member's page for each request (brotli, fastest level) tripled its CPU — a 100 KB case page
/// 290 → 800 µs (bench/results/2026-12-03-compressed-hits.md); splicing costs a copy and a CRC.
/// </para>
/// </summary>
internal static class SplicedGzip
{
    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];   // deflate, no name, no time, unknown OS
    private static readonly byte[] FinalEmptyBlock = [1, 0, 0, 0xff, 0xff];
    private const int StoredBlockMax = ushort.MaxValue;
    private const int TrailerLength = 8;

    /// <summary>True when the request accepts gzip (a quality above zero); every browser's does.</summary>
    public static bool Accepted(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
            if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && value.Quality is not 0)
                return true;
        return false;
    }

    /// <summary><paramref name="piece"/> deflated alone and sync-flushed: raw deflate blocks that may be spliced anywhere.</summary>
    public static byte[] Deflate(byte[] piece)
    {
        if (piece.Length == 0) return [];
        using var output = new MemoryStream(piece.Length / 3 + 64);
        using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        deflate.Write(piece);
        deflate.Flush();   // Z_SYNC_FLUSH: byte-aligned, no final block (Dispose then adds one, not kept)
        return output.ToArray();
    }

    /// <summary>The gzip stream's length for the given kept pieces and per-request holes.</summary>
    public static long Length(byte[][] deflated, ReadOnlySpan<ReadOnlyMemory<byte>> holes)
    {
        long length = Header.Length + FinalEmptyBlock.Length + TrailerLength;
        foreach (var piece in deflated) length += piece.Length;
        foreach (var hole in holes) length += StoredLength(hole.Length);
        return length;
    }

    /// <summary>
    /// Writes the gzip stream of <c>literals[0] holes[0] literals[1] …</c> (one fewer hole than literals), from the
    /// literals' kept <paramref name="deflated"/> pieces.
    /// </summary>
    public static void Write(IBufferWriter<byte> writer, byte[][] literals, byte[][] deflated, ReadOnlySpan<ReadOnlyMemory<byte>> holes)
    {
        var crc = new Crc32();
        long size = 0;
        writer.Write(Header);
        for (var i = 0; i < literals.Length; i++)
        {
            writer.Write(deflated[i]);
            crc.Append(literals[i]);
            size += literals[i].Length;
            if (i >= holes.Length) continue;
            WriteStored(writer, holes[i].Span);
            crc.Append(holes[i].Span);
            size += holes[i].Length;
        }
        writer.Write(FinalEmptyBlock);
        var trailer = writer.GetSpan(TrailerLength);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)size));   // ISIZE: the length modulo 2^32
        writer.Advance(TrailerLength);
    }

    private static long StoredLength(int length) => length + 5L * ((length + StoredBlockMax - 1) / StoredBlockMax);

    /// <summary>Stored blocks: a byte of header bits (not final, type 00, padding), LEN and its complement, the bytes.</summary>
    private static void WriteStored(IBufferWriter<byte> writer, ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            var count = Math.Min(data.Length, StoredBlockMax);
            var head = writer.GetSpan(5);
            head[0] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(head[1..], (ushort)count);
            BinaryPrimitives.WriteUInt16LittleEndian(head[3..], (ushort)~count);
            writer.Advance(5);
            writer.Write(data[..count]);
            data = data[count..];
        }
    }

    /// <summary>Marks the response as gzip for caches and the compression middleware (which then leaves it alone).</summary>
    public static void MarkResponse(HttpResponse response)
    {
        response.Headers.ContentEncoding = "gzip";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
    }
}
