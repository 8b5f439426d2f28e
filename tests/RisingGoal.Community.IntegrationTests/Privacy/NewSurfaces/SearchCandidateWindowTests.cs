using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Search;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// Search ranks at most <see cref="SearchRequest.DefaultMaxCandidates"/> matches, the newest entries of the index, and
/// only then keeps what the reader may see. The index holds every published reply, those of a members-only case and
/// those of a case hidden since included: so what a reader may not see takes places in that window, and a case they
/// may see drops out of their results, or the count they are shown falls by as many. Whether a search finds a public case,
/// and how many results it says, then tells a visitor that members are discussing that word, or anyone that a hidden
/// discussion holds it.
/// </summary>
public sealed class SearchCandidateWindowTests
{
    private const string Word = "zorglubienne";

    [Theory]
    [InlineData("members-only", false)]
    [InlineData("hidden", true)]
    public async Task What_the_reader_may_not_see_never_pushes_a_case_they_may_see_out_of_their_results(string state, bool signedIn)
    {
        await using var app = NewSurfaceWorld.App();
        var shown = await app.Seed(A.Case().Titled($"Une stratégie {Word} que tout le monde peut lire"));
        var @private = await app.Seed(A.Case().Titled("Un fil que ce lecteur ne peut pas lire")
            .Visible(state == "members-only" ? CaseVisibility.MembersOnly : CaseVisibility.Public));
        // More published replies holding the word than the window takes, all newer than the case shown.
        await app.Query(async db =>
        {
            var render = app.Services.GetRequiredService<MarkdownRenderer>();
            var author = await app.Seed(A.Member());
            var discussion = await db.Set<Case>().SingleAsync(c => c.Id == @private.Id);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i <= SearchRequest.DefaultMaxCandidates; i++)
            {
                var body = $"Chez nous aussi, la même stratégie {Word}, épisode {i}.";
                db.Add(discussion.AddReply(author.Id, body, render.Render(body), now)!);
            }
            return await db.SaveChangesAsync();
        });
        if (state == "hidden") await app.ChangeCase(@private.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));

        var reader = signedIn
            ? (await app.SignedInAs(await app.Seed(A.Member()))).Http
            : app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var page = await reader.GetStringAsync($"/search?q={Word}");

        Assert.DoesNotContain("épisode", page);   // the test's premise: none of those replies is shown to this reader
        Assert.Contains($"href=\"{await app.CaseUrlAsync(shown.Id)}\"", page);
        Assert.Contains("1 résultat</h2>", page);   // as without them
    }
}
