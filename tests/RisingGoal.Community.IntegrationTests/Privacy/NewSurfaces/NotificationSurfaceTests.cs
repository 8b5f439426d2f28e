using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// In-site notifications and the header count, tried by another member, by a forged form and after moderation: they
/// show only what the reader may see now, under the byline the page shows, and only their own rows change.
/// </summary>
public sealed class NotificationSurfaceTests
{
    private static async Task<string?> HeaderCountAsync(FormClient client) =>
        (await client.GetDocumentAsync("/cases")).QuerySelector(".notifications-link .notification-count")?.TextContent.Trim();

    private static Task<int> UnreadRowsAsync(CommunityAppFactory app, string memberId) =>
        app.Query(db => db.Set<Notification>().CountAsync(n => n.RecipientId == memberId && n.ReadUtc == null));

    [Fact]
    public async Task Mark_read_changes_only_the_posters_own_notifications_and_refuses_a_forged_form()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, replier, other) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")), await app.Seed(A.Member().Called("autre")));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas discuté"))).Id;
        await app.ReplyOnPageAsync(await app.SignedInAs(replier), caseId, "Une réponse.");
        Assert.Equal(1, await UnreadRowsAsync(app, author.Id));

        // Another member posts "read" for that discussion (and for all), with a valid token of their own.
        var attacker = await app.SignedInAs(other);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.PostWithTokenAsync("/account", "/notifications?handler=Read",
            new Dictionary<string, string> { ["caseId"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.PostWithTokenAsync("/account", "/notifications?handler=Read", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(1, await UnreadRowsAsync(app, author.Id));

        // The author's own session, without the antiforgery token (a cross-site form): refused, nothing changes.
        var authorClient = await app.SignedInAs(author);
        var forged = await authorClient.Http.PostAsync("/notifications?handler=Read", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, await UnreadRowsAsync(app, author.Id));
        Assert.Equal("1", await HeaderCountAsync(authorClient));
    }

    [Fact]
    public async Task A_case_hidden_or_held_after_the_replies_leaves_the_notification_page_and_the_header_count_at_once()
    {
        await using var app = NewSurfaceWorld.App();
        var (author, replier) = (await app.Seed(A.Member().Called("autrice")), await app.Seed(A.Member().Called("replier")));
        var hidden = (await app.Seed(A.Case().By(author).Titled("Un cas bientôt masqué"))).Id;
        var rejected = (await app.Seed(A.Case().By(author).Titled("Un cas bientôt refusé"))).Id;
        var replierClient = await app.SignedInAs(replier);
        await app.ReplyOnPageAsync(replierClient, hidden, "Réponse au cas masqué.");
        await app.ReplyOnPageAsync(replierClient, rejected, "Réponse au cas refusé.");
        var follower = await app.Seed(A.Member().Called("suiveuse"));
        foreach (var id in new[] { hidden, rejected })
            await app.InScopeAsync(sp => sp.GetRequiredService<Reactions>().SetFollowAsync(id, follower.Id, on: true, default));
        await app.ReplyOnPageAsync(await app.SignedInAs(author), hidden, "L’autrice répond.");
        await app.ReplyOnPageAsync(await app.SignedInAs(author), rejected, "L’autrice répond encore.");
        var followerClient = await app.SignedInAs(follower);
        Assert.Equal("2", await HeaderCountAsync(followerClient));

        await app.ChangeCase(hidden, c => c.Hide(app.Clock.GetUtcNow().UtcDateTime));
        await app.ChangeCase(rejected, c => c.HoldForReview());
        Assert.Null(await HeaderCountAsync(followerClient));
        var page = (await followerClient.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("bientôt masqué", page);
        Assert.DoesNotContain("bientôt refusé", page);
    }

    [Fact]
    public async Task A_follow_up_by_the_pseudonymous_author_is_told_under_the_pseudonym_with_no_link_to_the_account()
    {
        await using var app = NewSurfaceWorld.App();
        var author = await app.Seed(A.Member().WithUserName("bertrand").Named("Bertrand Secret"));
        var reader = await app.Seed(A.Member().Called("lectrice"));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            db.Add(new Resonance(caseId, reader.Id, app.Clock.GetUtcNow().UtcDateTime));
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var followUp = @case.AddFollowUp(author.Id, FollowUpStatus.Corrected, "La suite.", new MarkdownRenderer().Render("La suite."), app.Clock.GetUtcNow().UtcDateTime);
            db.Add(followUp);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<NotificationCenter>().FollowUpPublishedAsync(caseId, followUp.Id);
            return 0;
        });

        var page = await (await app.SignedInAs(reader)).GetDocumentAsync("/notifications");
        Assert.Equal(["Plume Grise a ajouté une suite à un cas qui vous a parlé"], page.QuerySelectorAll("li.notification a").Select(a => a.TextContent.Trim()));
        var main = page.QuerySelector("main")!.OuterHtml;
        main.CarriesNothingOf(author);
        Assert.DoesNotContain("/members/", main);
    }
}
