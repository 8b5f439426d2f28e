using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Browse;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A member's page, rendered for them or served from the copy kept for every member (MemberPages), carries a
/// members-only case and the member's own token and marks: no browser, shared proxy or CDN may keep it or answer a
/// revalidation for it. Every such answer is no-store, with no validator (ETag, Last-Modified) to get a 304 with.
/// </summary>
public sealed class MemberPageHttpCachingTests(CookieRevalidationAppFactory factory) : IClassFixture<CookieRevalidationAppFactory>
{
    [Fact]
    public async Task Member_pages_are_no_store_without_validators_whether_rendered_or_served_from_the_kept_copy()
    {
        var @case = await factory.Seed(A.Case().Titled("Un cas réservé aux membres, jamais gardé par un proxy").Visible(CaseVisibility.MembersOnly));
        var first = await factory.SignedInAs(await factory.Seed(A.Member()));
        var second = await factory.SignedInAs(await factory.Seed(A.Member()));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(url)).StatusCode);
        foreach (var client in new[] { first, second }) await client.Http.GetAsync(url);   // each has read it once: the same marks

        foreach (var page in new[] { url, "/cases", "/" })
        {
            var served = await MemberPagesTests.KeptPagesServedAsync(factory);
            var answers = new[] { await first.Http.GetAsync(page), await second.Http.GetAsync(page) };
            Assert.True(await MemberPagesTests.KeptPagesServedAsync(factory) > served, $"{page}: no view was served from the kept copy");
            foreach (var answer in answers)
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.True(answer.Headers.CacheControl is { NoStore: true, Public: false }, $"{page}: Cache-Control {answer.Headers.CacheControl}");
                Assert.Null(answer.Headers.ETag);
                Assert.Null(answer.Content.Headers.LastModified);
            }
        }
    }
}
