using Microsoft.Extensions.Options;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>Every options class is checked when the app starts: a wrong setting stops it with the setting's name, not later.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Moderation:HideAfterFlags", "0", "HideAfterFlags")]
    [InlineData("Moderation:AlertAfterHours", "0", "AlertAfterHours")]
    [InlineData("Caching:Seconds", "0", "Seconds")]
    [InlineData("Mail:Smtp:Port", "70000", "Mail:Smtp:Port")]
    [InlineData("Rerender:BatchSize", "0", "BatchSize")]
    [InlineData("Outbox:BatchSize", "0", "BatchSize")]
    [InlineData("Digests:BatchSize", "0", "BatchSize")]
    public void A_setting_out_of_range_stops_the_start_up_with_its_name(string key, string value, string named)
    {
        using var app = new CommunityAppFactory().With(key, value);
        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(named, error.Message);
    }
}
