using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// A reply's actions (Edit, Flag, Quote) come after its text, as on Discourse and Stack Exchange: the byline says who
/// and when, the text follows at once, then what one can do with it. The same whether the page is shared by members
/// (caching on: the actions are a hole filled per member) or rendered for one.
/// </summary>
public sealed class ReplyActionsOrderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reply_s_actions_follow_its_text_and_its_byline_holds_none(bool caching)
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", caching ? "true" : "false");
        var (replier, replierMember) = await app.SignedInAs(A.Member().Named("Répondante Ordonnée"));
        var @case = await app.Seed(A.Case().Titled("Un cas où l’on répond"));
        var own = await app.Seed(A.Reply().On(@case).By(replierMember).Saying("Ma propre réponse au cas."));
        var other = await app.Seed(A.Reply().On(@case).Saying("La réponse d’une autre personne."));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        await replier.GetDocumentAsync(url);

        var page = await replier.GetDocumentAsync(url);

        foreach (var (reply, actions) in new[] { (own.Id, new[] { "Modifier", "Citer" }), (other.Id, new[] { "Signaler", "Citer" }) })
        {
            var article = page.GetElementById($"reply-{reply}")!;
            var children = article.Children.ToList();
            var byline = children.First(e => e.ClassList.Contains("meta"));
            Assert.Empty(byline.QuerySelectorAll("a.flag-link, a.quote-link, a[href$='/edit']"));
            var prose = children.FindIndex(e => e.ClassList.Contains("prose"));
            var line = children.FindIndex(e => e.ClassList.Contains("reply-actions"));
            Assert.True(prose >= 0 && line > prose, "the actions are not after the reply's text");
            Assert.Equal(actions, children[line].QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
        }
        Assert.Empty((await app.CreateFormClient().GetDocumentAsync(url)).QuerySelectorAll(".reply-actions"));   // a visitor has none
    }
}
