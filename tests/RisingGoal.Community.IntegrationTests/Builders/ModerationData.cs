using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>Creates real members (confirmed e-mail, roles) and cases through the app's own services.</summary>
public static class ModerationData
{
    private static int _counter;

    public static async Task<Member> MemberAsync(IServiceProvider services, string? role = null, string culture = "fr", string? name = null)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var n = Interlocked.Increment(ref _counter);
        var member = new Member
        {
            UserName = $"member{n}-{Guid.NewGuid():N}"[..20],
            Email = $"member{n}-{Guid.NewGuid():N}@example.test",
            EmailConfirmed = true,
            DisplayName = name ?? $"Member {n}",
            PreferredCulture = culture,
            CreatedUtc = new DateTime(2029, 6, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        Check(await users.CreateAsync(member, "correct-horse-battery-42"));
        foreach (var r in role is null ? [Roles.Member] : new[] { Roles.Member, role })
        {
            if (!await roles.RoleExistsAsync(r)) await roles.CreateAsync(new IdentityRole(r));
            Check(await users.AddToRoleAsync(member, r));
        }
        return member;
    }

    /// <summary>A member trusted by the default rules (Moderation:TrustAfterApproved, 3): three published cases.</summary>
    public static async Task<Member> TrustedMemberAsync(IServiceProvider services, int approvedPosts = 3)
    {
        var member = await MemberAsync(services);
        for (var i = 0; i < approvedPosts; i++) await CaseAsync(services, member.Id, title: $"Un cas publié de {member.DisplayName} n°{i}");
        return member;
    }

    /// <summary>A published case (optionally held for review, as TrustPolicy would).</summary>
    public static async Task<Case> CaseAsync(IServiceProvider services, string authorId, string title = "Des OKR propres, une tension intacte",
        string body = "Le programme tournait bien.", string? pseudonym = null, bool pending = false, Action<Case>? change = null)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var renderer = new MarkdownRenderer();
        var @case = Case.Publish(authorId, new CaseText(title, "Un résumé du cas.", body, null, null), renderer.Render(body),
            new CaseContext(SizeBand.From51To200, Sector.Software, Stage.ScaleUp, null, 2, AuthorRole.Coach),
            pseudonym, CaseVisibility.Public, null, [], CommunityAppFactory.Start.UtcDateTime);
        if (pending) @case.HoldForReview();
        change?.Invoke(@case);
        db.Add(@case);
        await db.SaveChangesAsync();
        return @case;
    }

    public static async Task<Reply> ReplyAsync(IServiceProvider services, int caseId, string authorId, string body = "Même chose chez nous.", bool pending = false)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.Id == caseId);
        var reply = @case.AddReply(authorId, body, new MarkdownRenderer().Render(body), CommunityAppFactory.Start.UtcDateTime)!;
        if (pending) reply.HoldForReview();
        db.Add(reply);
        await db.SaveChangesAsync();
        return reply;
    }

    /// <summary>Runs a query against a fresh scope's context.</summary>
    public static async Task<T> QueryAsync<T>(IServiceProvider services, Func<CommunityDbContext, Task<T>> query)
    {
        using var scope = services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommunityDbContext>());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
