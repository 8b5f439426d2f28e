using System.Globalization;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Metadata;

/// <summary>
/// A case held for review is its author's and staff's until a moderator approves it: readers learn that it was held (the
/// public log says so), never when its author wrote it. Its dates start at publication: the feed's <c>updated</c>, the
/// sitemap's <c>lastmod</c> and its place in the "active" order. They kept the time it was written (to the second, days
/// before its <c>published</c>), which a reader could set beside the times of that member's named posts to guess who
/// wrote a pseudonymous case. Caching on, read as a visitor, approved from the moderation queue.
/// </summary>
public sealed class HeldCaseDatesTests
{
    [Fact]
    public async Task A_held_case_once_approved_is_dated_from_its_publication_in_the_feed_the_sitemap_and_the_active_order()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member());
        var written = app.Clock.GetUtcNow().UtcDateTime;
        var held = await app.Seed(A.Case().By(author).Titled("Un cas écrit sous pseudonyme, retenu deux jours").UnderPseudonym("Plume Grise").Pending());
        app.Clock.Advance(TimeSpan.FromDays(1));
        var neighbour = await app.Seed(A.Case().Titled("Un cas publié entre-temps"));
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (var page in new[] { "/feeds/cases.atom", "/sitemap.xml", "/cases?sort=active" }) await visitor.GetAsync(page);   // kept

        app.Clock.Advance(TimeSpan.FromDays(1));
        var approved = app.Clock.GetUtcNow().UtcDateTime;
        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Roles.Moderator)));
        var version = await app.Query(db => db.Set<Case>().Where(c => c.Id == held.Id).Select(c => c.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Approve", new Dictionary<string, string>
        {
            ["Input.Kind"] = nameof(TargetKind.Case), ["Input.Id"] = held.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.Version"] = version.ToString(CultureInfo.InvariantCulture),
        })).StatusCode);

        using (var reader = XmlReader.Create(await visitor.GetStreamAsync("/feeds/cases.atom")))
        {
            var entry = Assert.Single(SyndicationFeed.Load(reader).Items, i => i.Links.Single().Uri.AbsolutePath.StartsWith($"/cases/{held.Id}/", StringComparison.Ordinal));
            Assert.Equal(Seconds(approved), Seconds(entry.PublishDate.UtcDateTime));
            Assert.Equal(Seconds(approved), Seconds(entry.LastUpdatedTime.UtcDateTime));
        }
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var url = XDocument.Parse(await visitor.GetStringAsync("/sitemap.xml")).Descendants(ns + "url")
            .Single(u => u.Element(ns + "loc")!.Value.Contains($"/cases/{held.Id}/", StringComparison.Ordinal));
        Assert.Equal(approved.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), url.Element(ns + "lastmod")!.Value);
        var active = await visitor.GetStringAsync("/cases?sort=active");
        Assert.True(active.IndexOf($"/cases/{held.Id}/", StringComparison.Ordinal) is >= 0 and var at
                    && at < active.IndexOf($"/cases/{neighbour.Id}/", StringComparison.Ordinal),
            $"written {written:o}, approved {approved:o}: the approved case comes after one published in between in the active order");
    }

    private static DateTime Seconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
