using System.Net;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.MemberSpace;

/// <summary>
/// A member's home tells their drafts in progress (where a practitioner left a case half written), from the hole filled
/// per member on the home page members share: caching on, two members with the same marks, each asking first in turn,
/// and the one without a draft never sees the other's.
/// </summary>
public sealed class HomeDraftsTests
{
    /// <summary>The composer's "Save draft" button, pressed with only a title typed.</summary>
    private static async Task SaveDraftAsync(FormClient client, string title) =>
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/cases/new", new Dictionary<string, string> { ["Input.Title"] = title },
            "form.composer", pressed: "button[formaction='/cases/drafts/save']")).StatusCode);

    [Fact]
    public async Task A_member_s_home_links_to_their_drafts_in_progress_and_another_member_never_sees_them()
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var writer = await app.SignedInAs(await app.Seed(A.Member().Named("Autrice En Cours")));
        var reader = await app.SignedInAs(await app.Seed(A.Member().Named("Lectrice Sans Brouillon")));
        await SaveDraftAsync(writer, "Un cas à finir");
        await writer.GetDocumentAsync("/");
        await reader.GetDocumentAsync("/");

        for (var i = 0; i < 4; i++)
        {
            var served = await RisingGoal.Community.IntegrationTests.Browse.MemberPagesTests.KeptPagesServedAsync(app);
            AngleSharp.Html.Dom.IHtmlDocument writerHome, readerHome;
            if (i % 2 == 0) { writerHome = await writer.GetDocumentAsync("/"); readerHome = await reader.GetDocumentAsync("/"); }
            else { readerHome = await reader.GetDocumentAsync("/"); writerHome = await writer.GetDocumentAsync("/"); }
            Assert.True(await RisingGoal.Community.IntegrationTests.Browse.MemberPagesTests.KeptPagesServedAsync(app) >= served + 1, "neither home was served from the page kept for both");

            var line = writerHome.QuerySelector("main .your-drafts a");
            Assert.NotNull(line);
            Assert.Equal("1 brouillon en cours", line.TextContent);
            Assert.Equal("/account/drafts", line.GetAttribute("href"));
            Assert.Null(readerHome.QuerySelector("main .your-drafts"));
            Assert.DoesNotContain("brouillon en cours", readerHome.Body!.TextContent);
        }
        Assert.DoesNotContain("<!--hole-", await writer.Http.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("en", 2, "2 drafts in progress")]
    [InlineData("fr", 2, "2 brouillons en cours")]
    public async Task The_drafts_line_counts_in_the_member_s_language(string language, int count, string expected)
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var writer = await app.SignedInAs(await app.Seed(A.Member().Named("Autrice Prolixe " + language).Speaking(language)), language);
        for (var i = 0; i < count; i++)
            await SaveDraftAsync(writer, $"Brouillon {i}");

        Assert.Equal(expected, (await writer.GetDocumentAsync("/")).QuerySelector("main .your-drafts a")?.TextContent);
    }

    [Fact]
    public async Task The_drafts_line_follows_a_save_and_a_delete_at_once_though_the_count_is_kept()
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var writer = await app.SignedInAs(await app.Seed(A.Member().Named("Autrice Qui Range")));
        Assert.Null((await writer.GetDocumentAsync("/")).QuerySelector("main .your-drafts"));   // "none" is kept too

        await SaveDraftAsync(writer, "Premier brouillon");
        await SaveDraftAsync(writer, "Second brouillon");
        Assert.Equal("2 brouillons en cours", (await writer.GetDocumentAsync("/")).QuerySelector("main .your-drafts a")?.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync("/account/drafts", new Dictionary<string, string>(), "main form.inline-form")).StatusCode);
        Assert.Equal("1 brouillon en cours", (await writer.GetDocumentAsync("/")).QuerySelector("main .your-drafts a")?.TextContent);
    }
}
