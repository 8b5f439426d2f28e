using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Cases;

public sealed class CaseRulesTests
{
    private static readonly DateTime Now = new(2030, 1, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly RenderedMarkdown Body = new("<p>corps</p>", 1);

    private static Case NewCase(string title = "Trois cycles OKR impeccables") => Case.Publish("author-1",
        new CaseText(title, "Résumé", "corps", null, null), Body,
        new CaseContext(SizeBand.From51To200, Sector.Software, Stage.ScaleUp, null, 3, AuthorRole.Coach),
        null, CaseVisibility.Public, null, [1, 2, 2], Now);

    [Theory]
    [InlineData("Trois cycles OKR, et les silos sont revenus !", "trois-cycles-okr-et-les-silos-sont-revenus")]
    [InlineData("Élan, cœur et décisions à Genève", "elan-coeur-et-decisions-a-geneve")]
    [InlineData("  --Ça dérive ?  ", "ca-derive")]
    [InlineData("!!!", "case")]
    public void Slugs_are_ascii_with_accents_folded(string title, string expected) =>
        Assert.Equal(expected, Slugs.From(title));

    [Fact]
    public void Resonating_twice_counts_once()
    {
        var c = NewCase();
        Assert.True(c.Resonate("m1", Now));
        Assert.False(c.Resonate("m1", Now));
        Assert.Single(c.Resonances);
        Assert.True(c.WithdrawResonance("m1"));
        Assert.Empty(c.Resonances);
    }

    [Fact]
    public void A_locked_case_refuses_replies()
    {
        var c = NewCase();
        Assert.NotNull(c.AddReply("m2", "ok", Body, Now));
        c.Lock(Now);
        Assert.Null(c.AddReply("m2", "encore", Body, Now));
    }

    [Fact]
    public void Editing_keeps_the_previous_text_as_a_revision_and_takes_a_new_slug()
    {
        var c = NewCase();
        var revision = c.Edit("author-1", new CaseText("Un nouveau titre", "Autre", "autre corps", null, null), Body,
            new CaseContext(SizeBand.From51To200, Sector.Software, Stage.ScaleUp, null, 3, AuthorRole.Coach), [1], "titre", Now.AddHours(1));
        Assert.Equal("Trois cycles OKR impeccables", revision.Title);
        Assert.Equal("corps", revision.BodyMarkdown);
        Assert.Equal("un-nouveau-titre", c.Slug);
        Assert.Single(c.Tags);
    }

    [Fact]
    public void Tags_are_not_duplicated() => Assert.Equal(2, NewCase().Tags.Count);
}
