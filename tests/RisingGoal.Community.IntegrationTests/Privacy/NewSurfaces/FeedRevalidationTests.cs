using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Feed readers and proxies keep a feed and ask again with the validators they were given. A case hidden since (or an
/// author erased) must reach them at once: no validator of the old feed may earn a 304, and none may let a cache keep
/// the old copy without asking (a Last-Modified in the past gives a proxy a heuristic lifetime of a tenth of its age).
/// Removing an entry moves no case's "updated" time, so a Last-Modified drawn from the entries cannot tell it.
/// </summary>
public sealed class FeedRevalidationTests
{
    [Fact]
    public async Task A_case_hidden_since_reaches_a_reader_revalidating_with_any_validator_it_was_given()
    {
        await using var app = NewSurfaceWorld.App();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.Seed(A.Case().Titled("Un cas qui reste").PublishedAt(now.AddHours(-3)));
        var hidden = await app.Seed(A.Case().Titled("Chez Dupontel, un cas masqué ensuite").PublishedAt(now.AddHours(-1)));
        var reader = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var first = await reader.GetAsync("/feeds/cases.atom");
        Assert.Contains("Dupontel", await first.Content.ReadAsStringAsync());
        var etag = first.Headers.ETag!;

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.ChangeCase(hidden.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));

        // A reader asks again with what it was given: the ETag, and the Last-Modified if there was one.
        var revalidations = new List<HttpRequestMessage> { new(HttpMethod.Get, "/feeds/cases.atom") };
        revalidations[0].Headers.IfNoneMatch.Add(etag);
        if (first.Content.Headers.LastModified is { } lastModified)
        {
            revalidations.Add(new HttpRequestMessage(HttpMethod.Get, "/feeds/cases.atom"));
            revalidations[1].Headers.IfModifiedSince = lastModified;
        }
        foreach (var revalidation in revalidations)
        {
            var answer = await reader.SendAsync(revalidation);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.DoesNotContain("Dupontel", await answer.Content.ReadAsStringAsync());
        }
        // Only the exact bytes' hash validates: a date drawn from the entries cannot say that one went away.
        Assert.Null(first.Content.Headers.LastModified);
    }
}
