using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Tests.Cases;

/// <summary>The one pseudonym rule (<see cref="Bylines"/>) that every surface applies.</summary>
public sealed class BylinesTests
{
    private static readonly CaseAuthorship Pseudonymous = new("author", "Coach du Nord");
    private static readonly CaseAuthorship Named = new("author", null);

    [Fact]
    public void A_pseudonymous_case_shows_its_pseudonym_without_a_link_even_once_the_account_is_gone()
    {
        Assert.Equal(new Byline("Coach du Nord", null), Bylines.ForCase(Pseudonymous, "Xavière"));
        Assert.Equal(new Byline("Coach du Nord", null), Bylines.ForCase(Pseudonymous with { AuthorId = null }, null));
        Assert.True(Bylines.ForCase(Pseudonymous, "Xavière").IsPseudonym);
    }

    [Fact]
    public void The_author_keeps_the_pseudonym_in_every_post_of_that_discussion()
    {
        Assert.Equal(new Byline("Coach du Nord", null), Bylines.ForPost(Pseudonymous, "author", "Xavière"));
        Assert.True(Bylines.UnderPseudonym(Pseudonymous, "author"));
    }

    [Fact]
    public void Others_and_the_author_elsewhere_are_shown_by_display_name_with_their_profile()
    {
        Assert.Equal(new Byline("Léa", "/members/L%C3%A9a"), Bylines.ForPost(Pseudonymous, "someone", "Léa"));
        Assert.Equal(new Byline("Xavière", "/members/Xavi%C3%A8re"), Bylines.ForPost(Named, "author", "Xavière"));
        Assert.Equal(new Byline("Xavière", "/members/Xavi%C3%A8re"), Bylines.ForCase(Named, "Xavière"));
    }

    [Fact]
    public void A_detached_post_is_a_former_member_never_tied_back_to_the_pseudonym()
    {
        // After erasure both ids are null: a null author must not match a null case author.
        Assert.Equal(Byline.FormerMember, Bylines.ForPost(new CaseAuthorship(null, "Coach du Nord"), null, null));
        Assert.Equal(Byline.FormerMember, Bylines.ForPost(Named, null, null));
        Assert.Equal(Byline.FormerMember, Bylines.ForCase(Named, null));
        Assert.False(Byline.FormerMember.IsPseudonym);
    }

    [Fact]
    public void The_erased_authors_own_post_keeps_the_pseudonym_by_its_stored_mark_and_only_under_a_pseudonym()
    {
        var detached = new CaseAuthorship(null, "Coach du Nord");
        Assert.Equal(new Byline("Coach du Nord", null), Bylines.ForPost(detached, null, null, keepsPseudonym: true));
        Assert.True(Bylines.UnderPseudonym(detached, null, keepsPseudonym: true));
        Assert.Equal(Byline.FormerMember, Bylines.ForPost(new CaseAuthorship(null, null), null, null, keepsPseudonym: true));
    }
}
