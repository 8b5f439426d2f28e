using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Tests.Browse;

/// <summary>The compact pager: first, last, current ± 2, an ellipsis (null) for two or more pages left out.</summary>
public sealed class PageWindowTests
{
    [Theory]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(1, 3, new[] { 1, 2, 3 })]
    [InlineData(4, 7, new[] { 1, 2, 3, 4, 5, 6, 7 })]              // nothing left out: every page
    [InlineData(1, 20, new[] { 1, 2, 3, 0, 20 })]
    [InlineData(10, 20, new[] { 1, 0, 8, 9, 10, 11, 12, 0, 20 })]
    [InlineData(20, 20, new[] { 1, 0, 18, 19, 20 })]
    [InlineData(5, 20, new[] { 1, 2, 3, 4, 5, 6, 7, 0, 20 })]        // one page between 1 and 3: shown, not an ellipsis
    [InlineData(16, 20, new[] { 1, 0, 14, 15, 16, 17, 18, 19, 20 })]
    [InlineData(99, 20, new[] { 1, 0, 18, 19, 20 })]                // out of range: the nearest page
    public void Shows_the_first_the_last_and_the_current_page_with_two_on_each_side(int current, int count, int[] expected)
    {
        var entries = PageWindow.Of(current, count).Select(n => n ?? 0);
        Assert.Equal(expected, entries);
    }

    [Fact]
    public void A_long_discussion_never_shows_more_than_nine_entries()
    {
        for (var current = 1; current <= 200; current++)
            Assert.InRange(PageWindow.Of(current, 200).Count, 5, 9);
    }
}
