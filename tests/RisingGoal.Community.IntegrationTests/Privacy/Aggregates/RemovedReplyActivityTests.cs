using System.Xml.Linq;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Browse;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

namespace RisingGoal.Community.IntegrationTests.Privacy.Aggregates;

/// <summary>
/// A case's last activity is an aggregate of its posts: once a moderator hides the newest reply, it must read as if that
/// reply had never been written. Left at the hidden reply's time, the case stayed on top of the "active" order and its
/// sitemap lastmod named a moment no visible post carries: whoever came later saw by the shape of the list that the
/// discussion held something removed.
/// </summary>
public sealed class RemovedReplyActivityTests
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task A_hidden_reply_no_longer_dates_its_case_in_the_active_order_nor_the_sitemap()
    {
        await using var app = NewSurfaceWorld.App();
        var (member, _) = await app.SignedInAs(A.Member().Called("lucien").Named("Lucien Lecteur"));
        var visitor = new FormClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }));
        var alpha = await app.Seed(A.Case().Titled("Cas Alpha discuté"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var beta = await app.Seed(A.Case().Titled("Cas Bêta discuté"));
        // Five newer cases fill the home's "Latest", so that Alpha and Bêta show in its "Most active" (people16: a case
        // already shown above is left out of it).
        for (var i = 1; i <= 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await app.Seed(A.Case().Titled($"Cas récent sans réponse {i}"));
        }
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Seed(A.Reply().On(alpha).Saying("La première réponse à Alpha."));
        var alphaVisibleActivity = app.Clock.GetUtcNow().UtcDateTime;
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.Seed(A.Reply().On(beta).Saying("La réponse à Bêta."));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var hidden = await app.Seed(A.Reply().On(alpha).Saying("Une réponse qu’un modérateur masquera."));
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        FormClient[] readers = [visitor, member];
        foreach (var reader in readers)
        {
            Assert.Equal(["Cas Alpha discuté", "Cas Bêta discuté"], BrowsePages.Titles(await reader.GetDocumentAsync("/cases?sort=active")).Take(2));
            Assert.Equal(["Cas Alpha discuté", "Cas Bêta discuté"], ActiveOnHome(await reader.GetDocumentAsync("/")));
        }

        await app.HideReplyAsync(hidden);

        // As if the hidden reply had never been written: Bêta answered last, Alpha's last visible post is its first reply.
        foreach (var reader in readers)
        {
            Assert.Equal(["Cas Bêta discuté", "Cas Alpha discuté"], BrowsePages.Titles(await reader.GetDocumentAsync("/cases?sort=active")).Take(2));
            Assert.Equal(["Cas Bêta discuté", "Cas Alpha discuté"], ActiveOnHome(await reader.GetDocumentAsync("/")));
        }
        var sitemap = XDocument.Parse(await visitor.Http.GetStringAsync("/sitemap.xml"));
        var lastmod = sitemap.Descendants(Sitemap + "url").Single(u => u.Element(Sitemap + "loc")!.Value.EndsWith(CaseUrls.Read(alpha.Id, alpha.Slug)))
            .Element(Sitemap + "lastmod")!.Value;
        Assert.Equal(alphaVisibleActivity.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), lastmod);
    }

    private static List<string> ActiveOnHome(AngleSharp.Html.Dom.IHtmlDocument home) =>
        BrowsePages.Titles(home.QuerySelector("section[aria-labelledby=active-title]")!);
}
