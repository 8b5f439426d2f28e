using System.Net;
using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Web;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// Antiforgery tokens minted once per cookie and member, masked per response (<see cref="MaskedAntiforgery"/>), caching
/// on as in production: no two pages carry the same bytes (a compressed page must not repeat a secret next to text a
/// visitor chose), every page's token passes, and only for the member and cookie it was minted for.
/// </summary>
public sealed class MaskedAntiforgeryTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private static IReadOnlyList<string> Tokens(IHtmlDocument page) =>
        page.QuerySelectorAll("input[name=__RequestVerificationToken]").Select(i => i.GetAttribute("value")!).ToList();

    private static FormUrlEncodedContent CultureForm(string token) =>
        new(new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = "/cases", ["__RequestVerificationToken"] = token });

    [Fact]
    public async Task Every_page_carries_the_member_token_under_a_new_mask_and_each_one_passes()
    {
        factory.With("Caching:Enabled", "true");
        var (member, author) = await factory.SignedInAs(A.Member().Named("Lectrice aux jetons masqués"));
        var @case = await factory.Seed(A.Case().Titled("Un cas aux formulaires nombreux").By(author));
        var caseUrl = CaseUrls.Read(@case.Id, @case.Slug);

        var pages = new List<IHtmlDocument>();
        for (var i = 0; i < 3; i++) pages.Add(await member.GetDocumentAsync(caseUrl));
        pages.Add(await member.GetDocumentAsync("/cases"));
        var shown = pages.Select(p => Tokens(p)).ToList();

        // One value for every form of a page (a kept page is cut at it), another on every page, hiding the same token.
        Assert.All(shown, tokens => Assert.Single(tokens.Distinct()));
        Assert.True(shown[0].Count > 1, "the case page should carry several forms");
        var values = shown.Select(t => t[0]).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
        Assert.All(values, v => Assert.StartsWith(MaskedAntiforgery.Prefix, v));
        var unmasked = values.Select(v => MaskedAntiforgery.TryUnmask(v, out var token) ? token : null).ToList();
        Assert.Single(unmasked.Distinct());
        Assert.DoesNotContain(unmasked[0]!, string.Concat(pages.Select(p => p.DocumentElement.OuterHtml)));

        foreach (var value in values)
            Assert.Equal(HttpStatusCode.Redirect, (await member.Http.PostAsync("/culture", CultureForm(value))).StatusCode);
    }

    [Fact]
    public async Task A_token_passes_only_for_the_member_it_was_shown_to_and_a_tampered_one_is_refused_cleanly()
    {
        factory.With("Caching:Enabled", "true");
        var (owner, _) = await factory.SignedInAs(A.Member().Named("Membre au jeton volé"));
        var (other, _) = await factory.SignedInAs(A.Member().Named("Membre qui tente le jeton"));
        var token = Tokens(await owner.GetDocumentAsync("/cases"))[0];
        await other.GetDocumentAsync("/cases");   // the other member has their own antiforgery cookie

        Assert.Equal(HttpStatusCode.BadRequest, (await other.Http.PostAsync("/culture", CultureForm(token))).StatusCode);

        Assert.True(MaskedAntiforgery.TryUnmask(token, out var secret));
        var tampered = MaskedAntiforgery.Mask(secret[..^2] + (secret[^2] == 'A' ? "B" : "A") + secret[^1]);
        foreach (var bad in new[] { tampered, MaskedAntiforgery.Prefix + "%%%", MaskedAntiforgery.Prefix + "QUJD", token[..^4] })
            Assert.Equal(HttpStatusCode.BadRequest, (await owner.Http.PostAsync("/culture", CultureForm(bad))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Http.PostAsync("/culture", CultureForm(token))).StatusCode);
    }

    [Fact]
    public async Task Someone_else_signing_in_on_the_same_browser_gets_a_token_of_their_own()
    {
        factory.With("Caching:Enabled", "true");
        var (browser, _) = await factory.SignedInAs(A.Member().Named("Première personne du poste partagé"));
        var first = Tokens(await browser.GetDocumentAsync("/cases"))[0];
        var second = await factory.Seed(A.Member().Named("Seconde personne du poste partagé"));

        await browser.SignInAsync(second);   // same antiforgery cookie, another member
        var theirs = Tokens(await browser.GetDocumentAsync("/cases"))[0];

        Assert.True(MaskedAntiforgery.TryUnmask(first, out var firstSecret));
        Assert.True(MaskedAntiforgery.TryUnmask(theirs, out var theirSecret));
        Assert.NotEqual(firstSecret, theirSecret);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.PostAsync("/culture", CultureForm(theirs))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync("/culture", CultureForm(first))).StatusCode);
    }
}
