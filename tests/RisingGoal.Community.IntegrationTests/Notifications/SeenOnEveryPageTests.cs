using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Notifications;

/// <summary>
/// A member is seen on any page they view (issue 17, item 5), so the digest skip rule holds for a member who only read a
/// case; and it stays cheap: between two records (<see cref="ReadTracking.SeenResolution"/>) a page view sends no
/// command about visits at all.
/// </summary>
public sealed class SeenOnEveryPageTests
{
    [Fact]
    public async Task Any_signed_in_page_view_records_the_visit_at_most_once_per_resolution_and_the_digest_skips_a_member_who_only_read_a_case()
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var (reader, author) = (await app.Seed(A.Member().Called("reader").WithDigest(DigestFrequency.Weekly, "centralisation")), await app.Seed(A.Member().Called("author")));
        var @case = await app.Seed(A.Case().By(author).Titled("Premier cas de la semaine").Tagged("centralisation"));
        var caseUrl = Features.Cases.CaseUrls.Read(@case.Id, @case.Slug);
        app.AdvancePastNextWeeklyDigest();
        Assert.Equal((1, 0), await app.Services.PlanDigestsAsync());

        // From here on, one instance whose commands are watched (the builders above used the plain one, on the same database).
        var visits = new CommandsMentioning("MemberVisits");
        var counting = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureCommunityDbContext((_, o) => o.AddInterceptors(visits))));
        async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
        {
            await using var scope = counting.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        }
        Task<DateTime?> LastSeenAsync() => InScopeAsync(sp => sp.GetRequiredService<CommunityDbContext>().Set<MemberVisit>()
            .Where(v => v.MemberId == reader.Id).Select(v => (DateTime?)v.LastSeenUtc).FirstOrDefaultAsync());
        var http = counting.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr");
        var client = new FormClient(http);
        await client.SignInAsync(reader);

        // A day later the member reads one case (no list): that is a visit.
        app.Clock.Advance(TimeSpan.FromDays(1));
        var seen = app.Clock.GetUtcNow().UtcDateTime;
        await client.GetDocumentAsync(caseUrl);
        Assert.Equal(seen, await LastSeenAsync());

        // Within the resolution: other pages send no command about visits at all.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var before = visits.Count;
        await client.GetDocumentAsync("/notifications");
        await client.GetDocumentAsync("/account");
        await client.GetDocumentAsync("/cases");   // a list's "new" marks too: the visit's end is remembered with the record
        Assert.Equal(before, visits.Count);
        Assert.Equal(seen, await LastSeenAsync());

        // Past it, the next page view (not a list either) records the member again.
        app.Clock.Advance(ReadTracking.SeenResolution);
        await client.GetDocumentAsync("/notifications");
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, await LastSeenAsync());
        Assert.True(visits.Count > before);

        app.Clock.SetUtcNow(counting.Services.GetRequiredService<DigestSchedule>().NextDue(DigestFrequency.Weekly, app.Clock.GetUtcNow().UtcDateTime)!.Value.AddMinutes(1));
        Assert.Equal((0, 1), await InScopeAsync(sp => sp.GetRequiredService<DigestPlanner>().PlanAsync(default)));
        Assert.Equal(DigestPlanner.VisitedSince, await InScopeAsync(sp => sp.GetRequiredService<CommunityDbContext>().Set<DigestPreference>()
            .Where(p => p.MemberId == reader.Id).Select(p => p.LastOutcome).SingleAsync()));
    }
}
