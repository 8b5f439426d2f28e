using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Wiring;

/// <summary>
/// The reply form says what helps, and, only where a new member's first replies wait for a moderator, that they do:
/// otherwise a first reply seems to vanish once sent (people14).
/// </summary>
public sealed class ReplyFormHintTests(HoldingMembersAppFactory factory) : IClassFixture<HoldingMembersAppFactory>
{
    internal static async Task<string> HintAsync(CommunityAppFactory factory, string name)
    {
        var author = await factory.Seed(A.Member().Named(name + " autrice"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas où répondre, " + name));
        var reader = await factory.SignedInAs(await factory.Seed(A.Member().Named(name)));
        var page = await reader.GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Equal("reply-hint", page.QuerySelector("form.reply-form textarea[name='Reply.Body']")!.GetAttribute("aria-describedby"));
        return page.QuerySelector("form.reply-form #reply-hint")!.TextContent;
    }

    [Fact]
    public async Task The_reply_form_says_what_helps_and_that_a_new_members_first_replies_are_read_first()
    {
        var hint = await HintAsync(factory, "Réponse retenue");
        Assert.Contains("Une lecture, une question ou une expérience proche aide le plus l’auteur.", hint);
        Assert.Contains("Les premières réponses d’un nouveau membre sont lues par un modérateur avant d’apparaître.", hint);
    }
}

public sealed class ReplyFormHintWithoutHoldTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Where_replies_are_not_held_the_reply_form_promises_no_review()
    {
        var hint = await ReplyFormHintTests.HintAsync(factory, "Réponse directe");
        Assert.Contains("Le Markdown fonctionne.", hint);
        Assert.DoesNotContain("modérateur", hint);
    }
}
