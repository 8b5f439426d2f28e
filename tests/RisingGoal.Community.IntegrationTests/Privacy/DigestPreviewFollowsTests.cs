using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// The tags a member follows are a private mark (shared/docs/surfaces.md): the administrators' digest preview tells
/// them to nobody. It is composed for the member's language and next period as for a member following every tag, and
/// carries no subject ("2 new cases in Centralisation" named the one tag followed). So two members who follow
/// different tags preview the same sections, and the member's pseudonymous case is listed like anyone's.
/// </summary>
public sealed class DigestPreviewFollowsTests
{
    [Fact]
    public async Task Two_members_following_different_tags_preview_the_same_sections_and_no_subject()
    {
        await using var app = new DigestAppFactory();
        var (tension, calm) = ((await app.Seed(A.Tag().Slugged("tension"))).Id, (await app.Seed(A.Tag().Slugged("calme"))).Id);
        var first = await app.Seed(A.Member().Named("Irène Tendue").WithDigest(DigestFrequency.Weekly, "tension"));
        var second = await app.Seed(A.Member().Named("Paul Calme").WithDigest(DigestFrequency.Weekly, "calme"));
        var admin = await app.Seed(A.Member().WithRole(Roles.Administrator));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Seed(A.Case().By(first).Titled("Un cas sous tension").UnderPseudonym("Plume Tendue").Tagged(tension));
        await app.Seed(A.Case().Titled("Un cas bien calme").Tagged(calm));
        var client = await app.SignedInAs(admin);

        async Task<(string Html, HttpResponseMessage Response)> PreviewAsync(Member member)
        {
            var response = await client.Http.GetAsync("/admin/digests/preview?memberId=" + Uri.EscapeDataString(member.Email!));
            return (System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()).Replace(member.DisplayName, "NAME"), response);
        }
        var (ofFirst, firstResponse) = await PreviewAsync(first);
        var (ofSecond, secondResponse) = await PreviewAsync(second);

        foreach (var title in new[] { "Un cas sous tension", "Un cas bien calme" })
            Assert.True(ofFirst.Contains(title) && ofSecond.Contains(title), $"{title} missing from a preview");
        Assert.Equal(Tokenless(ofFirst), Tokenless(ofSecond));
        foreach (var response in new[] { firstResponse, secondResponse })
            Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("X-Mail", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The preview's links carry signed per-member tokens (unsubscribe); everything else must match.</summary>
    private static string Tokenless(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "token=[A-Za-z0-9_-]+", "token=T");
}
