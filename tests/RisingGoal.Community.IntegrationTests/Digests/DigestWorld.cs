using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.Infrastructure.Rendering;
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
        string? displayName = null) =>
        app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Member>>();
            var member = new Member { UserName = name, Email = $"{name}@example.test", DisplayName = displayName ?? name, EmailConfirmed = confirmed, PreferredCulture = culture };
            Check(await users.CreateAsync(member));
            if (role is not null)
            {
                var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
                if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
                Check(await users.AddToRoleAsync(member, role));
            }
            return member;
        });

    public static Task<int> TagAsync(this CommunityAppFactory app, string slug, TagKind kind = TagKind.Tension) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var tag = new Tag { Kind = kind, Slug = slug, NameFr = slug + " (fr)", NameEn = slug + " (en)" };
            db.Set<Tag>().Add(tag);
            await db.SaveChangesAsync();
            return tag.Id;
        });

    public static Task<int> CaseAsync(this CommunityAppFactory app, Member author, string title, int[] tags, string? pseudonym = null) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var @case = Case.Publish(author.Id, new CaseText(title, "Summary of " + title, "Body of " + title, null, null),
                new RenderedMarkdown("<p>Body</p>", 1), new CaseContext(SizeBand.From11To50, Sector.Software, Stage.ScaleUp, null, null, AuthorRole.Coach),
                pseudonym, CaseVisibility.Public, null, tags, app.Now());
            db.Set<Case>().Add(@case);
            await db.SaveChangesAsync();
            return @case.Id;
        });

    public static Task<int> ReplyAsync(this CommunityAppFactory app, int caseId, Member author) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CommunityDbContext>();
            var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
            var reply = @case.AddReply(author.Id, "I saw the same thing.", new RenderedMarkdown("<p>I saw the same thing.</p>", 1), app.Now())!;
            db.Set<Reply>().Add(reply);
            await db.SaveChangesAsync();
            return reply.Id;
        });

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

    public static async Task<FormClient> SignedInAsync(this CommunityAppFactory app, Member member, string language = "fr")
    {
        var client = app.CreateFormClient(language);
        var response = await client.Http.GetAsync($"/test/sign-in?email={Uri.EscapeDataString(member.Email!)}");
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent) throw new InvalidOperationException($"Sign-in answered {response.StatusCode}");
        return client;
    }

    /// <summary>Moves the clock just past the next weekly digest instant (Monday 07:00, Paris).</summary>
    public static void AdvancePastNextWeeklyDigest(this CommunityAppFactory app)
    {
        var schedule = app.Services.GetRequiredService<DigestSchedule>();
        app.Clock.SetUtcNow(schedule.NextDue(DigestFrequency.Weekly, app.Now())!.Value.AddMinutes(1));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
