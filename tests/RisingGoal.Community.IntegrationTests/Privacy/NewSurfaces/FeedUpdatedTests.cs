using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A feed's own &lt;updated&gt; (FeedUpdates): readers that trust it must learn that an entry left, so it moves when one
/// does, to the first build after the change, never to the removed entry's time nor to the moment of the removal; and it
/// stays put when a private write (a members-only case) rebuilds a feed whose entries are the same.
/// </summary>
public sealed class FeedUpdatedTests
{
    private static async Task<(DateTimeOffset Updated, HttpResponseMessage Response)> UpdatedAsync(HttpClient reader, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/cases.atom");
        if (language is not null) request.Headers.Add("Accept-Language", language);
        var response = await reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return (SyndicationFeed.Load(xml).LastUpdatedTime, response);
    }

    [Fact]
    public async Task The_feed_s_updated_moves_when_an_entry_leaves_to_the_next_build_and_not_when_a_private_write_rebuilds_it()
    {
        await using var app = NewSurfaceWorld.App();
        var start = app.Clock.GetUtcNow();
        DateTime At(TimeSpan offset) => start.UtcDateTime.Add(offset);
        await app.Seed(A.Case().Titled("Le plus ancien des cas").PublishedAt(At(TimeSpan.FromHours(-3))));
        var middle = await app.Seed(A.Case().Titled("Un cas du milieu").PublishedAt(At(TimeSpan.FromHours(-2))));
        var newest = await app.Seed(A.Case().Titled("Le cas le plus récent").PublishedAt(At(TimeSpan.FromHours(-1))));
        var reader = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var (first, firstResponse) = await UpdatedAsync(reader);
        Assert.Equal(At(TimeSpan.FromHours(-1)), first.UtcDateTime);

        // A members-only case (nothing a visitor may see) drops nothing visitors read (MembersOnlyCacheOracleTests): the
        // kept feed is served, its date and its validator stay.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.Seed(A.Case().Titled("Un cas réservé aux membres").PublishedAt(app.Clock.GetUtcNow().UtcDateTime).Visible(CaseVisibility.MembersOnly));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var (afterPrivate, afterPrivateResponse) = await UpdatedAsync(reader);
        Assert.NotNull(afterPrivateResponse.Headers.Age);   // the kept copy
        Assert.Equal(first, afterPrivate);
        Assert.Equal(firstResponse.Headers.ETag, afterPrivateResponse.Headers.ETag);

        // An entry that is not the newest leaves: the date moves, to the first build after (not the moment it was hidden).
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var hiddenAt = app.Clock.GetUtcNow();
        await app.ChangeCase(middle.Id, c => c.Hide(hiddenAt.UtcDateTime));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var builtAt = app.Clock.GetUtcNow();
        var (afterHide, _) = await UpdatedAsync(reader);
        Assert.Equal(builtAt, afterHide);
        Assert.NotEqual(hiddenAt, afterHide);
        // Every language's copy tells the same date (the English one built later).
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(builtAt, (await UpdatedAsync(reader, "en")).Updated);

        // The newest entry leaves: the date neither stays on its time nor goes back to the next entry's.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.ChangeCase(newest.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (afterNewestHidden, _) = await UpdatedAsync(reader);
        Assert.Equal(app.Clock.GetUtcNow(), afterNewestHidden);

        // A newer entry explains the change itself: its own time.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var publishedAt = app.Clock.GetUtcNow();
        await app.Seed(A.Case().Titled("Un cas publié ensuite").PublishedAt(publishedAt.UtcDateTime));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(publishedAt, (await UpdatedAsync(reader)).Updated);
    }
}
