using System.Net;
using System.Text.Json;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// The member's data export names only the cases they may see now: a notification about a case hidden since keeps its
/// kind and dates but loses the case and reply ids, and neither their reading position nor their marks name that case.
/// </summary>
public sealed class ExportVisibilityTests
{
    [Fact]
    public async Task The_export_names_no_case_hidden_since_in_notifications_reading_positions_or_marks()
    {
        await using var app = new MembersAppFactory().With("Caching:Enabled", "true");
        var follower = await app.Seed(A.Member());
        var replier = await app.SignedInAs(await app.Seed(A.Member()));
        var shown = await app.Seed(A.Case().Composed().Titled("Un cas qui reste publié"));
        var hidden = await app.Seed(A.Case().Composed().Titled("Un cas bientôt masqué"));
        var client = await app.SignedInAs(follower);
        foreach (var @case in new[] { shown, hidden })
        {
            foreach (var mark in new[] { "Follow", "Bookmark" })
                Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync(CaseUrls.Read(@case.Id, @case.Slug),
                    $"/cases/{@case.Id}/reactions?handler={mark}", new Dictionary<string, string> { ["on"] = "true" })).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await replier.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
                new Dictionary<string, string> { ["Reply.Body"] = "Même chose chez nous." }, "form.reply-form")).StatusCode);
            await client.Http.GetStringAsync(CaseUrls.Read(@case.Id, @case.Slug));   // read: a reading position
        }
        using (var before = JsonDocument.Parse(await client.Http.GetStringAsync("/account/export")))
            Assert.Contains(hidden.Id, CaseIds(before.RootElement));   // the test sees them while the case is shown

        await app.ChangeCase(hidden.Id, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));

        using var export = JsonDocument.Parse(await client.Http.GetStringAsync("/account/export"));
        Assert.DoesNotContain(hidden.Id, CaseIds(export.RootElement));
        Assert.Contains(shown.Id, CaseIds(export.RootElement));
        var notifications = export.RootElement.GetProperty("notifications").GetProperty("notifications").EnumerateArray().ToList();
        Assert.Equal(2, notifications.Count);   // both kept: the one about the hidden case without its ids
        var withoutIds = Assert.Single(notifications, n => n.GetProperty("caseId").ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, withoutIds.GetProperty("targetId").ValueKind);
        Assert.Equal("Reply", withoutIds.GetProperty("kind").GetString());
    }

    /// <summary>Every case id the export gives for notifications, reading positions and marks.</summary>
    private static List<int> CaseIds(JsonElement export)
    {
        var notifications = export.GetProperty("notifications");
        var cases = export.GetProperty("cases");
        return notifications.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("caseId"))
            .Concat(notifications.GetProperty("discussionsRead").EnumerateArray().Select(r => r.GetProperty("caseId")))
            .Concat(new[] { "resonances", "bookmarks", "follows" }.SelectMany(m => cases.GetProperty(m).EnumerateArray()))
            .Where(id => id.ValueKind == JsonValueKind.Number).Select(id => id.GetInt32()).ToList();
    }
}
