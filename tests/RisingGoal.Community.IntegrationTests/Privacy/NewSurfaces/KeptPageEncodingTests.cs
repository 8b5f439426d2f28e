using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Browse;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Kept member pages read as browsers and other clients ask for them (spliced gzip, brotli, none) and in both languages:
/// whatever the encoding and whoever asked first, a member's holes (their edit links, their token) reach them alone, a
/// French kept page never answers an English reader, and a rename shows on every encoding at once.
/// </summary>
public sealed class KeptPageEncodingTests
{
    private static readonly string?[] Encodings = ["gzip, deflate, br, zstd", "br", "gzip", null];

    /// <summary>The page as the member's browser reads it: decompressed by what the answer says it is.</summary>
    private static async Task<(IHtmlDocument Page, string Html, string? Encoding)> ReadAsync(FormClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.Add("Accept-Encoding", acceptEncoding);
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding switch
        {
            "gzip" => new GZipStream(body, CompressionMode.Decompress),
            "br" => new BrotliStream(body, CompressionMode.Decompress),
            null => body,
            _ => throw new InvalidOperationException($"unexpected encoding {encoding}"),
        };
        var html = await new StreamReader(decoded).ReadToEndAsync();
        if (acceptEncoding is null) Assert.Null(encoding);
        return (FormClient.Parse(html), html, encoding);
    }

    private static string UnmaskedToken(IHtmlDocument page)
    {
        Assert.True(MaskedAntiforgery.TryUnmask(page.QuerySelector("form.lang-switch input[name=__RequestVerificationToken]")!.GetAttribute("value")!, out var token));
        return token!;
    }

    [Fact]
    public async Task A_members_holes_reach_them_alone_in_every_encoding_and_language_and_a_rename_shows_in_every_encoding()
    {
        await using var app = NewSurfaceWorld.App();
        var (writer, writerMember) = await app.SignedInAs(A.Member().Called("claire").Named("Claire Répondante"));
        var (reader, _) = await app.SignedInAs(A.Member().Called("lucien").Named("Lucien Lecteur"));
        var (english, _) = await app.SignedInAs(A.Member().Called("emma").Named("Emma Reader"), "en");
        var @case = await app.Seed(A.Case().Titled("Un cas lu de toutes les façons"));
        var own = await app.Seed(A.Reply().On(@case).By(writerMember).Saying("La réponse de Claire, qu’elle seule peut modifier."));
        await app.Seed(A.Reply().On(@case).Saying("Une autre réponse."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var ownEdit = $"/cases/{@case.Id}/replies/{own.Id}/edit";
        FormClient[] members = [writer, reader, english];
        foreach (var member in members) await member.GetDocumentAsync(url);   // each has read it: the same marks, the next views kept

        var served = await MemberPagesTests.KeptPagesServedAsync(app);
        for (var round = 0; round < 2; round++)
            foreach (var acceptEncoding in Encodings)
            {
                // Each round another member asks first: whoever asks second could be handed the first one's page.
                var order = round == 0 ? members : members.Reverse().ToArray();
                var pages = new Dictionary<FormClient, (IHtmlDocument Page, string Html, string? Encoding)>();
                foreach (var member in order) pages[member] = await ReadAsync(member, url, acceptEncoding);

                Assert.Contains(ownEdit, pages[writer].Html);
                Assert.DoesNotContain(ownEdit, pages[reader].Html);
                Assert.DoesNotContain(ownEdit, pages[english].Html);
                Assert.Equal("fr", pages[reader].Page.DocumentElement.GetAttribute("lang"));
                Assert.Equal("en", pages[english].Page.DocumentElement.GetAttribute("lang"));
                Assert.Equal(3, members.Select(m => UnmaskedToken(pages[m].Page)).Distinct().Count());
                foreach (var (_, (_, html, _)) in pages) Assert.DoesNotContain("<!--hole-", html);
                if (acceptEncoding?.Contains("gzip") == true) Assert.All(pages.Values, p => Assert.Equal("gzip", p.Encoding));
            }
        Assert.True(await MemberPagesTests.KeptPagesServedAsync(app) >= served + 8, "the views were not served from kept pages");

        // A rename moves every kept page: the next view, whatever its encoding, shows the new name and never the old.
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync("/account/display-name",
            new Dictionary<string, string> { ["Input.DisplayName"] = "Claire Renommée" }, "main form.stacked")).StatusCode);
        foreach (var acceptEncoding in Encodings)
        {
            var (_, html, _) = await ReadAsync(reader, url, acceptEncoding);
            Assert.Contains("Claire Renommée", html);
            Assert.DoesNotContain("Claire Répondante", html);
        }

        // Signed out, the writer's next view is a visitor's (with cookies, so a token of its own): no edit link, no log-out form.
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync(url, new Dictionary<string, string>(), "form[action='/account/logout']")).StatusCode);
        foreach (var acceptEncoding in Encodings)
        {
            var (page, html, _) = await ReadAsync(writer, url, acceptEncoding);
            Assert.DoesNotContain(ownEdit, html);
            Assert.Null(page.QuerySelector("form[action='/account/logout']"));
        }
    }

    /// <summary>
    /// A redacted word is gone at once from a discussion kept for visitors (the page cache, per encoding) and for members
    /// (the kept member page and its replies fragment), in every encoding, right after the moderator's POST returns.
    /// </summary>
    [Fact]
    public async Task A_word_redacted_from_a_reply_is_gone_at_once_in_every_encoding_for_visitors_and_members()
    {
        await using var app = NewSurfaceWorld.App();
        var (readers, url, reply) = await KeptCasePageAsync(app, "Un cas lu avant et après un caviardage");

        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Features.Accounts.Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync($"/moderation/redact/reply/{reply.Id}", new Dictionary<string, string>
        {
            ["Input.Find"] = "Durandelle", ["Input.Replacement"] = "[une entreprise]", ["Input.PublicReason"] = "Identifying details",
        })).StatusCode);

        foreach (var client in readers)
            foreach (var encoding in Encodings)
            {
                var html = (await ReadAsync(client, url, encoding)).Html;
                Assert.DoesNotContain("Durandelle", html);
                Assert.Contains("[une entreprise]", html);
            }
    }

    /// <summary>
    /// A case a moderator hides while kept pages hold it (visitors' cached pages, members' kept pages and related-cases
    /// blocks, feeds), each already read twice in every encoding: gone from all of them in every encoding, right after
    /// the moderator's POST returns.
    /// </summary>
    [Fact]
    public async Task A_case_hidden_by_a_moderator_is_gone_at_once_from_kept_lists_pages_and_feeds_in_every_encoding()
    {
        await using var app = NewSurfaceWorld.App();
        var (reader, _) = await app.SignedInAs(A.Member().Called("lucie").Named("Lucie Lectrice"));
        var visitor = new FormClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }));
        var hidden = await app.Seed(A.Case().Titled("Un cas bientôt masqué chez Durandelle").Tagged("apparent-alignment", "centralisation-vs-autonomy"));
        var neighbour = await app.Seed(A.Case().Titled("Un cas voisin qui reste").Tagged("apparent-alignment", "centralisation-vs-autonomy"));
        await app.Seed(A.Reply().On(neighbour).Saying("Une réponse au voisin."));
        string[] urls = ["/", "/cases", "/drifts/apparent-alignment", "/tensions/centralisation-vs-autonomy", CaseUrls.Read(neighbour.Id, neighbour.Slug),
            "/feeds/cases.atom", "/feeds/tensions/centralisation-vs-autonomy.atom"];
        FormClient[] readers = [visitor, reader];
        foreach (var client in readers)
            foreach (var url in urls)
                foreach (var encoding in Encodings.Concat(Encodings))   // twice: the second read comes from what was kept
                    Assert.True((await ReadAsync(client, url, encoding)).Html.Contains("Durandelle"), $"{url} ({encoding}) before hiding");

        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Features.Accounts.Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = hidden.Id.ToString(), ["Input.Version"] = hidden.Version.ToString(),
        })).StatusCode);

        foreach (var client in readers)
            foreach (var url in urls)
                foreach (var encoding in Encodings)
                    Assert.False((await ReadAsync(client, url, encoding)).Html.Contains("Durandelle"), $"{url} ({encoding}) after hiding");
    }

    /// <summary>
    /// A reply a moderator hides while the case page holds it (visitors' cached page, the members' kept page and its
    /// replies fragment, feeds of the case's tension), each read twice in every encoding: gone at once in every encoding.
    /// </summary>
    [Fact]
    public async Task A_reply_hidden_by_a_moderator_is_gone_at_once_from_the_kept_case_page_in_every_encoding()
    {
        await using var app = NewSurfaceWorld.App();
        var (readers, url, reply) = await KeptCasePageAsync(app, "Un cas dont une réponse sera masquée");

        var moderator = await app.SignedInAs(await app.Seed(A.Member().WithRole(Features.Accounts.Roles.Moderator)));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Hide", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Reply", ["Input.Id"] = reply.Id.ToString(), ["Input.Version"] = reply.Version.ToString(),
        })).StatusCode);

        foreach (var client in readers)
            foreach (var encoding in Encodings)
            {
                var html = (await ReadAsync(client, url, encoding)).Html;
                Assert.DoesNotContain("Durandelle", html);
                Assert.Contains("Une autre réponse, qui reste.", html);
            }
    }

    /// <summary>
    /// A case page with a reply naming "Durandelle" and another that stays, read twice in every encoding by a visitor
    /// and a member (the second read comes from what was kept): the visitors' cached page, the members' kept page and its
    /// replies fragment all hold the reply.
    /// </summary>
    private static async Task<(FormClient[] Readers, string Url, Reply Reply)> KeptCasePageAsync(DigestAppFactory app, string title)
    {
        var (reader, _) = await app.SignedInAs(A.Member().Called("lucien").Named("Lucien Lecteur"));
        var visitor = new FormClient(app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false }));
        var @case = await app.Seed(A.Case().Titled(title));
        var reply = await app.Seed(A.Reply().On(@case).Saying("Chez Durandelle, trois cycles de suite."));
        await app.Seed(A.Reply().On(@case).Saying("Une autre réponse, qui reste."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        FormClient[] readers = [visitor, reader];
        foreach (var client in readers)
            foreach (var encoding in Encodings.Concat(Encodings))
                Assert.Contains("Durandelle", (await ReadAsync(client, url, encoding)).Html);
        return (readers, url, reply);
    }
}
