using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The data export names only the posts the member may see now (<see cref="Privacy.ExportVisibilityTests"/>), flags
/// included: a flag raised on a case or a reply hidden since, often hidden because of it, keeps its reason, text and
/// dates, but no longer the ids of the case and the post (the export is read, and passed on, outside the site).
/// </summary>
public sealed class ExportedFlagsTests
{
    [Fact]
    public async Task Flags_on_posts_hidden_since_keep_their_reason_and_dates_but_name_no_case_or_post()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var flagger = await app.SignedInAs(await app.Seed(A.Member()));
        var shown = await app.Seed(A.Case().Titled("Un cas qui reste publié"));
        var hidden = await app.Seed(A.Case().Titled("Un cas bientôt masqué"));
        var hiddenReply = await app.Seed(A.Reply().On(shown).Saying("Une réponse bientôt masquée."));
        foreach (var target in new[] { $"/flag/case/{shown.Id}", $"/flag/case/{hidden.Id}", $"/flag/reply/{hiddenReply.Id}" })
            Assert.Equal(HttpStatusCode.Redirect, (await flagger.SubmitAsync(target, new Dictionary<string, string>
            {
                ["Input.Reason"] = nameof(FlagReason.Other), ["Input.Text"] = "Un détail qui identifie quelqu’un.",
            }, "main form.stacked")).StatusCode);
        Assert.Equal(3, await app.Query(db => db.Set<Flag>().CountAsync()));

        await app.ChangeCase(hidden.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeReply(hiddenReply.Id, r => r.Hide(app.Clock.GetUtcNow().UtcDateTime));

        using var export = JsonDocument.Parse(await flagger.Http.GetStringAsync("/account/export"));
        var flags = export.RootElement.GetProperty("moderation").GetProperty("flags").EnumerateArray().ToList();
        Assert.Equal(3, flags.Count);   // every flag raised is the member's data
        Assert.All(flags, f => Assert.Equal("Un détail qui identifie quelqu’un.", f.GetProperty("text").GetString()));
        var named = Assert.Single(flags, f => f.GetProperty("caseId").ValueKind == JsonValueKind.Number);
        Assert.Equal((shown.Id, shown.Id), (named.GetProperty("caseId").GetInt32(), named.GetProperty("targetId").GetInt32()));
        Assert.Equal(2, flags.Count(f => f.GetProperty("caseId").ValueKind == JsonValueKind.Null && f.GetProperty("targetId").ValueKind == JsonValueKind.Null));
    }
}
