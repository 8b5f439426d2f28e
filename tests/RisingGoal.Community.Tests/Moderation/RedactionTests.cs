using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Tests.Moderation;

public sealed class RedactionTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly CaseContext Context = new(SizeBand.From51To200, Sector.Finance, Stage.Established, null, null, AuthorRole.Coach);
    private static readonly DateTime Now = new(2030, 1, 7, 9, 0, 0, DateTimeKind.Utc);

    private static Case NewCase(string title, string body) =>
        Case.Publish("author", new CaseText(title, "Résumé", body, "Issue chez ACME", null), Renderer.Render(body), Context,
            null, CaseVisibility.Public, null, [], Now);

    [Fact]
    public void Redaction_rewrites_the_case_and_its_revisions_whatever_the_case_of_the_letters()
    {
        var @case = NewCase("Chez Acme, des OKR", "Le DG d'**ACME** décidait.");
        var revision = @case.Edit("author", new CaseText("Chez Acme, des OKR", "acme partout", "Version 2 chez Acme", null, null),
            Renderer.Render("Version 2 chez Acme"), Context, [], "ajout d'Acme", Now);

        @case.Redact("acme", "[une banque]", Renderer.Render, Now);
        revision.Redact("acme", "[une banque]");

        Assert.False(@case.Carries("acme"));
        Assert.DoesNotContain("acme", @case.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[une banque]", @case.Title);
        Assert.DoesNotContain("acme", @case.Slug);
        Assert.DoesNotContain("acme", revision.Title + revision.Summary + revision.BodyMarkdown + revision.Outcome + revision.Reason,
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_moderation_step_moves_the_concurrency_token()
    {
        var @case = NewCase("Titre", "Corps");
        var versions = new List<int> { @case.Version };
        @case.HoldForReview(); versions.Add(@case.Version);
        Assert.True(@case.Approve(Now)); versions.Add(@case.Version);
        Assert.True(@case.Hide(Now)); versions.Add(@case.Version);
        Assert.True(@case.Unhide()); versions.Add(@case.Version);
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.False(@case.Approve(Now));         // already published: nothing to approve
        Assert.Equal(CaseStatus.Published, @case.Status);
    }
}
