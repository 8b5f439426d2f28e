using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>
/// Counts are written as each language groups digits (Numbers.Count): "1 000" with a narrow no-break space in French,
/// "1,000" in English; never a bare "1000". Caching on: the shared list fragments and pages are kept per culture.
/// </summary>
public sealed class GroupedCountsTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const char Narrow = '\u202F';
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");

    [Fact]
    public async Task A_case_page_and_the_case_list_group_their_counts_in_french_and_in_english()
    {
        var @case = await _app.Seed(A.Case().Titled("Un cas très discuté").WithReplies(1000).With(c => c.SetResonanceCount(1234)));

        var fr = await _app.CreateFormClient().GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Equal($"Réponses (1{Narrow}000)", fr.QuerySelector("#replies-title")!.TextContent.Trim());
        Assert.Equal($"1{Narrow}234", fr.QuerySelector(".resonance-count")!.TextContent);
        var en = await _app.CreateFormClient("en").GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug));
        Assert.Equal("Replies (1,000)", en.QuerySelector("#replies-title")!.TextContent.Trim());
        Assert.Equal("1,234", en.QuerySelector(".resonance-count")!.TextContent);

        var frList = (await _app.CreateFormClient().GetDocumentAsync("/cases")).QuerySelector(".case-row .meta")!.TextContent;
        Assert.Contains($"1{Narrow}000 réponses", frList);
        Assert.Contains($"1{Narrow}234 résonances", frList);
        var enList = (await _app.CreateFormClient("en").GetDocumentAsync("/cases")).QuerySelector(".case-row .meta")!.TextContent;
        Assert.Contains("1,000 replies", enList);
    }

    [Fact]
    public async Task A_length_in_a_composer_message_is_grouped()
    {
        var (client, _) = await _app.SignedInAs(A.Member().Named("Longueurs"));
        var fields = await ComposedCase.FieldsAsync(_app, "Un cas beaucoup trop court", body: "Trop court.");

        var page = FormClient.Parse(await (await client.SubmitAsync("/cases/new", fields)).Content.ReadAsStringAsync());

        Assert.Equal($"Le cas doit faire entre 200 et 40{Narrow}000 caractères.", page.QuerySelector("#body-error")!.TextContent.Trim());
        Assert.Equal(0, await _app.Query(db => db.Set<Case>().CountAsync(c => c.Title == "Un cas beaucoup trop court")));
    }
}
