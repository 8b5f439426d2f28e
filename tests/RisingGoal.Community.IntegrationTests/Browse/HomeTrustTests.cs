using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// A first visitor's home says why a sensitive story is safe here before asking for one: pseudonyms, the first case
/// read by a moderator, what is never shown, and the way out for someone who recognises themselves.
/// </summary>
public sealed class HomeTrustTests(HoldingMembersAppFactory factory) : IClassFixture<HoldingMembersAppFactory>
{
    [Theory]
    [InlineData("fr", "Raconter un cas sensible, en confiance", "Seul un modérateur peut retrouver qui l’a écrit, avec un motif qui est consigné", "relu par un modérateur", "Jamais affiché")]
    [InlineData("en", "Telling a sensitive case, safely", "Only a moderator can look up who wrote it, with a reason that is recorded", "read by a moderator", "Never shown")]
    public async Task The_visitor_home_says_how_a_sensitive_case_is_protected_and_where_the_rules_and_the_way_out_are(
        string language, string heading, string pseudonym, string firstCase, string neverShown)
    {
        factory.With("Caching:Enabled", "true");
        var home = await factory.CreateFormClient(language).GetDocumentAsync("/");

        var trust = home.QuerySelector("main section.home-trust")!;
        Assert.Equal(heading, trust.QuerySelector("h2")!.TextContent.Trim());
        var points = trust.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Contains(points, p => p.Contains(pseudonym));
        Assert.Contains(points, p => p.Contains(firstCase));
        Assert.Contains(points, p => p.Contains(neverShown));
        var links = trust.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/takedown", links);
        Assert.Contains("/pages/guidelines", links);
        Assert.Contains("/moderation/log", links);
        // Said before the matrix and the lists: a visitor reads it on the first screen after the invitation.
        Assert.Equal(home.QuerySelector("main section.hero")!.NextElementSibling, trust);
    }

    [Fact]
    public async Task A_member_s_home_keeps_its_own_section_right_under_the_invitation_without_the_visitor_s_reassurance()
    {
        factory.With("Caching:Enabled", "true");
        var member = await factory.SignedInAs(await factory.Seed(A.Member().Named("Membre Rassurée")));

        var home = await member.GetDocumentAsync("/");

        Assert.Null(home.QuerySelector(".home-trust"));
        Assert.Equal("your-space-title", home.QuerySelector("main section.hero")!.NextElementSibling!.GetAttribute("aria-labelledby"));
    }
}
