using RisingGoal.Community.Features.Browse;

namespace RisingGoal.Community.Tests.Browse;

public sealed class CaseCursorTests
{
    [Theory]
    [InlineData(CaseSort.Newest)]
    [InlineData(CaseSort.Active)]
    public void A_date_cursor_survives_the_round_trip_to_the_tick(CaseSort sort)
    {
        var at = new DateTime(2030, 1, 7, 9, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        var cursor = CaseCursor.After(sort, at, 42);

        var decoded = CaseCursor.Decode(cursor.Encode());

        Assert.Equal(cursor, decoded);
        Assert.Equal(at, decoded!.ValueAsUtc);
        Assert.Equal(DateTimeKind.Utc, decoded.ValueAsUtc.Kind);
    }

    [Fact]
    public void A_count_cursor_survives_the_round_trip_and_is_url_safe()
    {
        var text = new CaseCursor(CaseSort.Resonant, 17, int.MaxValue).Encode();
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
        Assert.Equal(new CaseCursor(CaseSort.Resonant, 17, int.MaxValue), CaseCursor.Decode(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage!")]
    [InlineData("AAAA")]
    [InlineData("MS4xLjE")] // "1.1.1" without a checksum
    public void Anything_else_is_rejected(string? text) => Assert.Null(CaseCursor.Decode(text));

    [Fact]
    public void A_tampered_cursor_is_rejected()
    {
        var text = new CaseCursor(CaseSort.Newest, 638_000_000_000_000_000, 50).Encode();
        for (var i = 0; i < text.Length; i++)
        {
            var swapped = text[i] == 'A' ? 'B' : 'A';
            var tampered = text[..i] + swapped + text[(i + 1)..];
            Assert.True(CaseCursor.Decode(tampered) is null || i == text.Length - 1, $"position {i}: {tampered}");
        }
        Assert.Null(CaseCursor.Decode(text + "A"));
        Assert.Null(CaseCursor.Decode(text[..^2]));
    }
}
