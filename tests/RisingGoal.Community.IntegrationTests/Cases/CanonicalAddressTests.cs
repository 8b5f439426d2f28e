using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// A case reached by another slug answers 301 to its own address and keeps what the reader asked of the page (which
/// page, which order, a quotation), rebuilt from the parsed values: nothing else of the query travels. Caching on.
/// </summary>
public sealed class CanonicalAddressTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    [Theory]
    [InlineData("?sort=helpful&page=2", "?sort=helpful&page=2")]
    [InlineData("?page=2&sort=helpful", "?sort=helpful&page=2")]
    [InlineData("?page=2&quote=7", "?page=2&quote=7")]
    [InlineData("?page=2&utm_source=lettre&returnUrl=https%3A%2F%2Fevil.example%2F&sort=%2F%2Fevil.example", "?page=2")]
    [InlineData("?page=abc&sort=helpful", "?sort=helpful")]
    [InlineData("", "")]
    public async Task Another_slug_moves_permanently_to_the_case_s_address_with_the_page_and_order_asked(string query, string kept)
    {
        var @case = await _app.Seed(A.Case().Titled("Une longue discussion sur deux pages").WithReplies(ReplyPages.PerPage + 5));
        var client = _app.CreateFormClient();

        var moved = await client.Http.GetAsync($"/cases/{@case.Id}/un-ancien-titre{query}");

        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal($"/cases/{@case.Id}/{@case.Slug}{kept}", moved.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(moved.Headers.Location)).StatusCode);
    }
}
