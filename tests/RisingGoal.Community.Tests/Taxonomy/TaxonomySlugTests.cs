using RisingGoal.Community.Features.Taxonomy;

namespace RisingGoal.Community.Tests.Taxonomy;

/// <summary>Slugs end up in URLs: lower-case ASCII words joined by single hyphens, at most 80 characters.</summary>
public sealed class TaxonomySlugTests
{
    [Theory]
    [InlineData("drift")]
    [InlineData("scope-creep")]
    [InlineData("kpi-2-0")]
    public void Words_joined_by_hyphens_are_slugs(string slug) => Assert.True(TaxonomyFile.IsValidSlug(slug));

    [Theory]
    [InlineData("")]
    [InlineData("Scope-creep")]
    [InlineData("scope--creep")]
    [InlineData("-scope")]
    [InlineData("scope-")]
    [InlineData("scope creep")]
    [InlineData("dérive")]
    [InlineData("scope_creep")]
    public void Anything_else_is_refused(string slug) => Assert.False(TaxonomyFile.IsValidSlug(slug));

    [Fact]
    public void A_slug_is_at_most_80_characters() =>
        Assert.Equal([true, false], new[] { new string('a', 80), new string('a', 81) }.Select(TaxonomyFile.IsValidSlug));
}
