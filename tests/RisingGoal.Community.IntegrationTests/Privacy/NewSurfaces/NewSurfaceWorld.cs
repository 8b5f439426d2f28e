using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// The attacker's world for the surfaces added after issue 13: the real app with caching on (as in production), real
/// members signed in through the test door, and cases in every private state a story can be in.
/// </summary>
public static class NewSurfaceWorld
{
    public static DigestAppFactory App(int? smtpPort = null)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        return app;
    }

    public static async Task<int> PendingReplyAsync(this CommunityAppFactory app, int caseId, Member author, string body) =>
        (await app.Seed(A.Reply().On(caseId).By(author).Saying(body).Pending())).Id;

    public static Task SuspendAsync(this CommunityAppFactory app, Member member) =>
        app.InScopeAsync(async sp =>
        {
            var moderator = await app.Seed(A.Member().Called("modo-" + Guid.NewGuid().ToString("N")[..6]).WithRole(Roles.Moderator));
            var db = sp.GetRequiredService<CommunityDbContext>();
            db.Add(Suspension.Start(member.Id, moderator.Id, TimeSpan.FromDays(7), "Propos injurieux", app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });

    /// <summary>Everything a page carries, hidden attributes included: what an attacker reads with "view source".</summary>
    public static string Source(this IHtmlDocument page) => page.DocumentElement.OuterHtml;

    /// <summary>Asserts that nothing of the account behind a pseudonym is on the page: name, profile link, member id.</summary>
    public static void CarriesNothingOf(this string html, Member member)
    {
        Assert.DoesNotContain(member.DisplayName, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(member.DisplayName), html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(member.Id, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(member.UserName!, html, StringComparison.OrdinalIgnoreCase);
    }
}
