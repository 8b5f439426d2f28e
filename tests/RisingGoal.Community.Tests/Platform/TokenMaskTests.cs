using System.Buffers.Text;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Platform;

/// <summary>
/// The per-response mask of an antiforgery token (<see cref="MaskedAntiforgery"/>): its random bytes come from the
/// system's CSPRNG in batches per thread; each must be used once, across batches too, or two pages would repeat a mask.
/// </summary>
public sealed class TokenMaskTests
{
    [Fact]
    public void Masks_drawn_across_many_random_batches_never_repeat_and_each_hides_the_token()
    {
        var token = "CfDJ8" + new string('x', 150);   // the length of a request token
        var masks = new HashSet<string>();
        for (var i = 0; i < 200; i++)   // 200 × 155 bytes: eight batches of 4 KiB
        {
            var masked = MaskedAntiforgery.Mask(token);
            Assert.True(MaskedAntiforgery.TryUnmask(masked, out var hidden));
            Assert.Equal(token, hidden);
            // The mask alone (the first half of the bytes), compared: a repeated mask would show as a repeated value.
            var bytes = Base64Url.DecodeFromChars(masked.AsSpan(MaskedAntiforgery.Prefix.Length));
            Assert.True(masks.Add(Convert.ToHexString(bytes.AsSpan(0, token.Length))), $"mask {i} repeats an earlier one");
        }
    }
}
