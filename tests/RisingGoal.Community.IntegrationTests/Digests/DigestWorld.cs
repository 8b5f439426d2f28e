using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Digests;

/// <summary>Builders for real members, tags, cases and replies, and the digest run methods the workers would call.</summary>
public static class DigestWorld
{
    public static async Task<T> InScopeAsync<T>(this CommunityAppFactory app, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static DateTime Now(this CommunityAppFactory app) => app.Clock.GetUtcNow().UtcDateTime;

    public static Task<Member> MemberAsync(this CommunityAppFactory app, string name, string culture = "fr", bool confirmed = true, string? role = null,
        string? displayName = null)
    {
        var member = A.Member().WithUserName(name).Named(displayName ?? name).Speaking(culture).WithoutPassword();
        if (!confirmed) member.Unconfirmed();
        return app.Seed(role is null ? member : member.WithRole(role));
    }

    public static Task<int> TagAsync(this CommunityAppFactory app, string slug, TagKind kind = TagKind.Tension) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var tag = new Tag { Kind = kind, Slug = slug, NameFr = slug + " (fr)", NameEn = slug + " (en)" };
            db.Set<Tag>().Add(tag);
            await db.SaveChangesAsync();
            return tag.Id;
        });

    public static async Task<int> CaseAsync(this CommunityAppFactory app, Member author, string title, int[] tags, string? pseudonym = null) =>
        (await app.Seed(A.Case().By(author).Titled(title).Summarised("Summary of " + title).Saying("Body of " + title)
            .In(new CaseContext(SizeBand.From11To50, Sector.Software, Stage.ScaleUp, null, null, AuthorRole.Coach))
            .UnderPseudonym(pseudonym).Tagged(tags))).Id;

    public static async Task<int> ReplyAsync(this CommunityAppFactory app, int caseId, Member author) =>
        (await app.Seed(A.Reply().On(caseId).By(author).Saying("I saw the same thing."))).Id;

    public static Task FollowAsync(this CommunityAppFactory app, Member member, int caseId) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            db.Set<CaseFollow>().Add(new CaseFollow(caseId, member.Id, app.Now()));
            return await db.SaveChangesAsync();
        });

    public static Task OptInAsync(this CommunityAppFactory app, Member member, DigestFrequency frequency, params int[] tags) =>
        app.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<DigestPreferences>().SaveAsync(member.Id, frequency, tags, replyNotifications: true, default);
            return 0;
        });

    public static Task<(int Queued, int Skipped)> PlanAsync(this CommunityAppFactory app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<DigestPlanner>().PlanAsync(default));

    public static Task<int> DrainAsync(this CommunityAppFactory app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<OutboxSender>().DrainOnceAsync(default));

    public static Task<List<OutboxMessage>> OutboxAsync(this CommunityAppFactory app) =>
        app.InScopeAsync(sp => sp.GetRequiredService<CommunityDbContext>().Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public static Task<DigestPreference?> PreferenceAsync(this CommunityAppFactory app, Member member) =>
        app.InScopeAsync(sp => sp.GetRequiredService<CommunityDbContext>().Set<DigestPreference>().AsNoTracking()
            .FirstOrDefaultAsync(p => p.MemberId == member.Id));

    public static Task<FormClient> SignedInAsync(this CommunityAppFactory app, Member member, string language = "fr") =>
        app.SignedInAs(member, language);

    /// <summary>Moves the clock just past the next weekly digest instant (Monday 07:00, Paris).</summary>
    public static void AdvancePastNextWeeklyDigest(this CommunityAppFactory app)
    {
        var schedule = app.Services.GetRequiredService<DigestSchedule>();
        app.Clock.SetUtcNow(schedule.NextDue(DigestFrequency.Weekly, app.Now())!.Value.AddMinutes(1));
    }
}
