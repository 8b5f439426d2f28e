using System.Globalization;
using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.MemberSpace;

/// <summary>
/// The member's own pages as a practitioner reads them (issue 18): dates written the long way ("1er décembre 2026 à
/// 20 h 30", never "01/12/2026 20:30"), with the instant for machines; French agreement on the unread mark.
/// </summary>
public sealed class MemberPagesTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    [Fact]
    public async Task Notifications_and_the_dashboard_write_their_dates_the_long_way()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        await using var _ = app;
        var author = await app.Seed(A.Member().Named("Autrice Datée"));
        var replier = await app.Seed(A.Member().Named("Répondant Daté"));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas daté proprement"));
        var replierClient = await app.SignedInAs(replier);
        var posted = await replierClient.SubmitAsync(CaseUrls.Read(@case.Id, @case.Slug),
            new Dictionary<string, string> { ["Reply.Body"] = "Nous avons vécu la même chose chez nous." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var instant = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var notification = (await (await app.SignedInAs(author)).GetDocumentAsync("/notifications")).QuerySelector("li.notification")!;
        Assert.Equal(Dates.LongWithTime(now, French), notification.QuerySelector("time")!.TextContent);
        Assert.Equal(instant, notification.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("non lue", notification.QuerySelector(".notification-new")!.TextContent.Trim());

        var myReply = (await replierClient.GetDocumentAsync("/account")).QuerySelector("section[aria-labelledby=my-replies-title] li")!;
        Assert.Equal(Dates.Long(now, French), myReply.QuerySelector("time")!.TextContent);
        Assert.Equal(instant, myReply.QuerySelector("time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task A_tension_page_says_beside_its_follow_button_what_following_does()
    {
        var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        await using var _ = app;
        await app.Seed(A.Case().Tagged("tension-expliquee"));
        var member = await app.SignedInAs(await app.Seed(A.Member().Named("Lectrice Curieuse")));

        var actions = (await member.GetDocumentAsync("/tensions/tension-expliquee")).QuerySelector(".tag-actions")!;
        Assert.NotNull(actions.QuerySelector("form button"));
        Assert.Equal("Suivre\u00a0: ses nouveaux cas arrivent dans votre résumé par e-mail (chaque semaine, sauf si vous choisissez une autre fréquence).",
            actions.QuerySelector(".follow-hint")!.TextContent.Trim());
    }
}
