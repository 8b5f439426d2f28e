using System.Net;
using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// Member pages rendered once and shared (MemberPages, issue 19 item 1), caching on as in production: members whose own
/// state on a page is the same get the same kept HTML, each with their own antiforgery token, header count and marks;
/// a write shows at once on a kept page; staff are always rendered for themselves.
/// </summary>
public sealed class MemberPagesTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private static string? HeaderCount(IHtmlDocument page) => page.QuerySelector(".notifications-link .notification-count")?.TextContent.Trim();

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("form.lang-switch input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static string? NewReplies(IHtmlDocument list, string title) =>
        list.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains(title)).QuerySelector("a.new-replies")?.TextContent.Trim();

    /// <summary>How many member pages were served from a kept page so far (the counter an operator watches).</summary>
    internal static async Task<long> KeptPagesServedAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        var detail = await app.HealthDetailAsync();
        var line = detail.Split('\n').Single(l => l.Trim().StartsWith("member.hits:", StringComparison.Ordinal));
        return long.Parse(line.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Members_share_a_kept_page_with_their_own_token_count_and_marks_and_see_a_write_at_once()
    {
        factory.With("Caching:Enabled", "true");
        var (first, firstMember) = await factory.SignedInAs(A.Member().Named("Première lectrice gardée"));
        var (second, _) = await factory.SignedInAs(A.Member().Named("Second lecteur gardé"));
        var (replier, _) = await factory.SignedInAs(A.Member().Named("Répondante gardée"));
        const string title = "Un cas lu par deux membres";
        var @case = await factory.Seed(A.Case().Titled(title).Tagged("ambition-vs-execution").By(firstMember));
        var caseUrl = CaseUrls.Read(@case.Id, @case.Slug);
        await second.GetDocumentAsync(caseUrl);   // the second member has read the discussion (no reply yet)

        // The same state for both: one kept page, served to each with their own token, which their next POST passes.
        await first.GetDocumentAsync("/cases");
        var served = await KeptPagesServedAsync(factory);
        var (firstList, secondList) = (await first.GetDocumentAsync("/cases"), await second.GetDocumentAsync("/cases"));
        Assert.True(await KeptPagesServedAsync(factory) >= served + 2, "the second views were not served from the kept page");
        // Each member's own token, not only another mask of one member's (a kept page must never carry a token).
        Assert.True(MaskedAntiforgery.TryUnmask(Token(firstList), out var firstToken));
        Assert.True(MaskedAntiforgery.TryUnmask(Token(secondList), out var secondToken));
        Assert.NotEqual(firstToken, secondToken);
        var switched = await second.SubmitAsync(secondList, "/cases", new Dictionary<string, string>(), "form.lang-switch", "culture", "fr");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        // A reply: the author's header counts it, the reader who read the discussion sees it as new, each on their own page.
        var reply = await replier.SubmitAsync(caseUrl, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse qui change les pages." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            var (firstPage, secondPage) = (await first.GetDocumentAsync("/cases"), await second.GetDocumentAsync("/cases"));
            Assert.Equal("1", HeaderCount(firstPage));
            Assert.Null(HeaderCount(secondPage));
            Assert.Null(NewReplies(firstPage, title));
            Assert.Equal("1 nouvelle réponse", NewReplies(secondPage, title));
            Assert.Contains("1 réponse", firstPage.QuerySelectorAll("li.case-row").Single(r => r.TextContent.Contains(title)).TextContent);
        }

        // The case page kept for a reader shows the next reply at once.
        await second.GetDocumentAsync(caseUrl);
        await second.GetDocumentAsync(caseUrl);
        await factory.Seed(A.Reply().On(@case).Saying("Encore une réponse, vue aussitôt."));
        Assert.Contains("Encore une réponse, vue aussitôt.", (await second.GetDocumentAsync(caseUrl)).QuerySelector("section.replies")!.TextContent);
    }

    [Fact]
    public async Task Staff_pages_are_never_kept_nor_served_from_a_members_page()
    {
        factory.With("Caching:Enabled", "true");
        var (member, _) = await factory.SignedInAs(A.Member().Named("Membre avant modération"));
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modérateur des pages gardées").WithRole("Moderator")));
        for (var i = 0; i < 2; i++) await member.GetDocumentAsync("/cases");
        var served = await KeptPagesServedAsync(factory);
        for (var i = 0; i < 2; i++) Assert.NotNull((await moderator.GetDocumentAsync("/cases")).QuerySelector("a[href='/moderation']"));
        Assert.Equal(served, await KeptPagesServedAsync(factory));
        Assert.Null((await member.GetDocumentAsync("/cases")).QuerySelector("a[href='/moderation']"));
    }

    [Fact]
    public async Task A_member_with_the_same_marks_never_gets_another_member_s_header_count_from_a_kept_page()
    {
        factory.With("Caching:Enabled", "true");
        var (mentioned, _) = await factory.SignedInAs(A.Member().Named("Lectrice Mentionnée"));
        var (bystander, _) = await factory.SignedInAs(A.Member().Named("Lecteur Sans Nouvelles"));
        var (writer, _) = await factory.SignedInAs(A.Member().Named("Autrice Qui Cite"));
        var @case = await factory.Seed(A.Case().Titled("Un cas où l’on cite une lectrice"));
        // Neither reader has opened the discussion: the same marks on every row, only the header count differs.
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
            new Dictionary<string, string> { ["Reply.Body"] = "Merci @Lectrice Mentionnée pour ce retour." }, "form.reply-form")).StatusCode);

        for (var i = 0; i < 2; i++)
        {
            // Either order would hand one reader's kept page to the other if the count were not part of what is kept.
            IHtmlDocument bystanderPage, mentionedPage;
            if (i == 0)
            {
                bystanderPage = await bystander.GetDocumentAsync("/cases");
                mentionedPage = await mentioned.GetDocumentAsync("/cases");
            }
            else
            {
                mentionedPage = await mentioned.GetDocumentAsync("/cases");
                bystanderPage = await bystander.GetDocumentAsync("/cases");
            }
            Assert.Equal("1", HeaderCount(mentionedPage));
            Assert.Null(HeaderCount(bystanderPage));
        }
    }

    [Fact]
    public void Only_a_whole_document_is_kept_a_rendering_cut_short_is_served_once_and_never_shared()
    {
        factory.With("Caching:Enabled", "true");
        var pages = factory.Services.GetRequiredService<RisingGoal.Community.Features.Shared.MemberPages>();
        const string whole = "<!DOCTYPE html>\n<html lang=\"fr\"><body><p>Un cas</p></body></html>\n";
        foreach (var (key, html) in new[] { ("cut-empty", ""), ("cut-short", whole[..40]), ("whole", whole) })
        {
            var generation = pages.Generation;
            pages.Store(key, generation, html, RisingGoal.Community.Features.Shared.MemberHoles.Cut(html, "token"), "member-id");
            Assert.Equal(key == "whole", pages.TryGet(key, generation, out _));
        }
    }

    [Fact]
    public async Task A_kept_page_read_by_a_browser_is_gzip_spliced_with_the_members_own_token_and_reads_as_the_plain_page()
    {
        factory.With("Caching:Enabled", "true");
        var (reader, _) = await factory.SignedInAs(A.Member().Named("Lectrice compressée"));
        var @case = await factory.Seed(A.Case().Titled("Un cas lu compressé").Tagged("framework-vs-culture"));
        await factory.Seed(A.Reply().On(@case).Saying("Une réponse à lire compressée."));
        var caseUrl = CaseUrls.Read(@case.Id, @case.Slug);
        await reader.GetDocumentAsync(caseUrl);   // read once: the next views are the kept page
        await reader.GetDocumentAsync(caseUrl);

        var served = await KeptPagesServedAsync(factory);
        using var request = new HttpRequestMessage(HttpMethod.Get, caseUrl);
        request.Headers.Add("Accept-Encoding", "gzip, deflate, br, zstd");
        using var response = await reader.Http.SendAsync(request);
        Assert.Equal(served + 1, await KeptPagesServedAsync(factory));
        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var html = await new StreamReader(gzip).ReadToEndAsync();

        var plain = await reader.Http.GetStringAsync(caseUrl);
        static string WithoutTokens(string page) =>
            System.Text.RegularExpressions.Regex.Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");
        Assert.Equal(WithoutTokens(plain), WithoutTokens(html));
        Assert.Contains("Une réponse à lire compressée.", html);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.True(MaskedAntiforgery.TryUnmask(Token(page), out _));
        var switched = await reader.SubmitAsync(page, caseUrl, new Dictionary<string, string>(), "form.lang-switch", "culture", "en");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }
}
