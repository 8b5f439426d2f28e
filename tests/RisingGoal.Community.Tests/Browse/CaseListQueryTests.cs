using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using RisingGoal.Community.Features.Browse;

namespace RisingGoal.Community.Tests.Browse;

/// <summary>A list's query read from its address as model binding read it, without the binding.</summary>
public sealed class CaseListQueryTests
{
    private static CaseListQuery From(string queryString) => CaseListQuery.From(new QueryCollection(QueryHelpers.ParseQuery(queryString)));

    [Fact]
    public void Every_key_is_read_in_any_case()
    {
        var query = From("?Tension=a&TENSION=b&drift=c&size=Small&sector=Public&sort=active&after=xyz&match=all&unread=true");

        Assert.Equal(["a", "b"], query.Tension);
        Assert.Equal(["c"], query.Drift);
        Assert.Equal(("Small", "Public", "active", "xyz"), (query.Size, query.Sector, query.Sort, query.After));
        Assert.True(query.MatchAll);
        Assert.True(query.Unread);
    }

    [Fact]
    public void Empty_values_are_absent_and_a_single_value_is_the_first_given()
    {
        var query = From("?tension=&tension=a&sort=&sort=resonant&sort=newest");

        Assert.Equal(["a"], query.Tension);
        Assert.Equal("resonant", query.Sort);
        Assert.Null(From("?size=").Size);
        Assert.Empty(From("").Drift);
    }

    [Theory]
    [InlineData("?unread=True", true)]
    [InlineData("?unread=false", false)]
    [InlineData("?unread=1", false)]
    [InlineData("?unread=on", false)]
    [InlineData("", false)]
    public void Unread_is_on_only_when_it_says_true(string queryString, bool unread) =>
        Assert.Equal(unread, From(queryString).Unread);

    [Fact]
    public void Control_characters_are_removed_as_the_binder_removed_them()
    {
        var query = From("?tension=ambition%00-vs-execution&after=ab%01c");

        Assert.Equal(["ambition-vs-execution"], query.Tension);
        Assert.Equal("abc", query.After);
    }
}
