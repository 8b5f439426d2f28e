using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Tests.Moderation;

public sealed class TrustRulesTests
{
    private static readonly ModerationOptions Defaults = new();

    [Theory]
    [InlineData(0, 0, true)]     // a new member's first case waits
    [InlineData(1, 0, false)]    // one approved case: the next one publishes
    [InlineData(0, 3, false)]    // three approved replies make the member trusted
    [InlineData(0, 2, true)]
    public void First_cases_wait_until_approved(int approvedCases, int approvedReplies, bool held) =>
        Assert.Equal(held, TrustRules.HoldCase(isStaff: false, approvedCases, approvedReplies, Defaults));

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 1, true)]     // the first two replies wait
    [InlineData(0, 2, false)]
    [InlineData(3, 0, false)]    // trusted after three approved posts of any kind
    [InlineData(1, 1, true)]
    public void First_replies_wait_until_approved(int approvedCases, int approvedReplies, bool held) =>
        Assert.Equal(held, TrustRules.HoldReply(isStaff: false, approvedCases, approvedReplies, Defaults));

    [Fact]
    public void Moderators_and_administrators_are_always_trusted()
    {
        Assert.False(TrustRules.HoldCase(isStaff: true, 0, 0, Defaults));
        Assert.False(TrustRules.HoldReply(isStaff: true, 0, 0, Defaults));
        Assert.True(TrustRules.IsTrusted(isStaff: true, 0, Defaults));
    }

    [Fact]
    public void Counts_come_from_configuration()
    {
        var strict = new ModerationOptions { HoldFirstCases = 2, HoldFirstReplies = 0, TrustAfterApproved = 10 };
        Assert.True(TrustRules.HoldCase(false, 1, 5, strict));
        Assert.False(TrustRules.HoldReply(false, 0, 0, strict));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void An_item_is_hidden_once_enough_distinct_members_flag_it(int flaggers, bool hidden) =>
        Assert.Equal(hidden, TrustRules.HideAfterFlags(flaggers, Defaults));

    [Fact]
    public void A_threshold_of_zero_never_hides() =>
        Assert.False(TrustRules.HideAfterFlags(10, new ModerationOptions { HideAfterFlags = 0 }));

    [Theory]
    [InlineData("Pas de lien.", 0)]
    [InlineData("Voir [le site](https://example.org) et https://example.com", 2)]
    [InlineData("![image](https://example.org/a.png) <https://a.example>", 1)]
    public void Links_are_counted_images_excluded(string markdown, int links) =>
        Assert.Equal(links, LinkCounter.Count(markdown));
}
