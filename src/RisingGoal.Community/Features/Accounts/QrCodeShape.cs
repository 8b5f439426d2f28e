using System.Globalization;
using System.Text;
using QRCoder;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// A QR code as one SVG path (a square per run of dark modules, quiet zone included), drawn by the view as ordinary
/// encoded attributes: no markup string reaches the page unencoded.
/// </summary>
public sealed record QrCodeShape(int Size, string Path)
{
    public static QrCodeShape Of(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < rows.Count; y++)
        {
            var row = rows[y];
            for (var x = 0; x < row.Length; x++)
            {
                if (!row[x]) continue;
                var start = x;
                while (x + 1 < row.Length && row[x + 1]) x++;
                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start + 1}v1h-{x - start + 1}z");
            }
        }
        return new QrCodeShape(rows.Count, path.ToString());
    }
}
