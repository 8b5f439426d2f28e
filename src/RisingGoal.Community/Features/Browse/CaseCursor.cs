using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RisingGoal.Community.Features.Browse;

public enum CaseSort { Newest = 1, Active = 2, Resonant = 3 }

/// <summary>
/// Where the next page of a list starts: the sort it belongs to, the sort value of the last row shown (ticks or a
/// count) and that row's id. Opaque in URLs; a checksum catches edited or truncated cursors. A forged cursor can
/// only move the start of a list: every query still applies the visibility rules.
/// </summary>
public sealed record CaseCursor(CaseSort Sort, long Value, int Id)
{
    private const int ChecksumBytes = 4;

    public DateTime ValueAsUtc => new(Value, DateTimeKind.Utc);

    public static CaseCursor After(CaseSort sort, DateTime valueUtc, int id) => new(sort, valueUtc.Ticks, id);

    public string Encode()
    {
        var payload = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)Sort}.{Value}.{Id}"));
        return Base64Url.EncodeToString([.. payload, .. Checksum(payload)]);
    }

    /// <summary>Null for anything that is not a cursor this code wrote (bad encoding, checksum, values).</summary>
    public static CaseCursor? Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80) return null;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return null; }
        if (bytes.Length <= ChecksumBytes) return null;
        var payload = bytes[..^ChecksumBytes];
        if (!CryptographicOperations.FixedTimeEquals(Checksum(payload), bytes[^ChecksumBytes..])) return null;

        var parts = Encoding.ASCII.GetString(payload).Split('.');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sort)
            || !Enum.IsDefined((CaseSort)sort)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || id <= 0
            || value > DateTime.MaxValue.Ticks)
            return null;
        return new CaseCursor((CaseSort)sort, value, id);
    }

    private static byte[] Checksum(byte[] payload) => SHA256.HashData(payload)[..ChecksumBytes];
}
