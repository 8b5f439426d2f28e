using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using RisingGoal.Community.Features.Shared;

namespace RisingGoal.Community.Tests.Browse;

/// <summary>Kept pieces deflated once and holes stored per request make one gzip stream any decoder reads back.</summary>
public sealed class SplicedGzipTests
{
    public static TheoryData<string[], string[]> Pages => new()
    {
        { ["<!DOCTYPE html><p>un seul morceau</p>"], [] },
        { ["<p>avant ", " après ", "</p>"], ["jeton-1", ""] },
        { ["", "milieu", ""], ["trou au début", "trou à la fin"] },
        // Repetition across a hole: a piece refers to nothing before it, so the decoder's window never matters.
        { [string.Concat(Enumerable.Repeat("réponse répétée · ", 4000)), string.Concat(Enumerable.Repeat("réponse répétée · ", 4000))], [new string('x', 70_000)] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_spliced_stream_decompresses_to_the_pieces_and_holes_in_order(string[] literals, string[] holes)
    {
        var literalBytes = literals.Select(Encoding.UTF8.GetBytes).ToArray();
        var holeBytes = holes.Select(h => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(h)).ToArray();
        var deflated = literalBytes.Select(SplicedGzip.Deflate).ToArray();
        var output = new MemoryStream();
        var writer = PipeWriter.Create(output);
        SplicedGzip.Write(writer, literalBytes, deflated, holeBytes);
        await writer.FlushAsync();
        Assert.Equal(SplicedGzip.Length(deflated, holeBytes), output.Length);

        output.Position = 0;
        await using var gzip = new GZipStream(output, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var expected = string.Concat(literals.Select((l, i) => l + (i < holes.Length ? holes[i] : "")));
        Assert.Equal(expected, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", true)]
    [InlineData("br;q=1.0, gzip;q=0.8", true)]
    [InlineData("br", false)]
    [InlineData("gzip;q=0", false)]
    [InlineData("", false)]
    public void Gzip_is_spliced_only_for_a_reader_who_accepts_it(string acceptEncoding, bool accepted)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        if (acceptEncoding.Length > 0) http.Request.Headers.AcceptEncoding = acceptEncoding;
        Assert.Equal(accepted, SplicedGzip.Accepted(http.Request));
    }
}
