using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>The moderation tests' entry points before <see cref="A"/>: thin wrappers over it (new tests use A).</summary>
public static class ModerationData
{
    private static int _counter;
    private static readonly DateTime MemberSince = new(2029, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>New tests: <c>app.Seed(A.Member()…)</c>.</summary>
    public static Task<Member> MemberAsync(IServiceProvider services, string? role = null, string culture = "fr", string? name = null)
    {
        var n = Interlocked.Increment(ref _counter);
        return services.Seed(A.Member().Named(name ?? $"Member {n}").Speaking(culture).JoinedAt(MemberSince)
            .WithRole(role is null ? [Roles.Member] : [Roles.Member, role]));
    }

    /// <summary>A member trusted by the default rules (Moderation:TrustAfterApproved, 3): three published cases.</summary>
    public static async Task<Member> TrustedMemberAsync(IServiceProvider services, int approvedPosts = 3)
    {
        var member = await MemberAsync(services);
        for (var i = 0; i < approvedPosts; i++) await CaseAsync(services, member.Id, title: $"Un cas publié de {member.DisplayName} n°{i}");
        return member;
    }

    /// <summary>A published case (optionally held for review, as TrustPolicy would). New tests: <c>app.Seed(A.Case()…)</c>.</summary>
    public static Task<Case> CaseAsync(IServiceProvider services, string authorId, string title = "Des OKR propres, une tension intacte",
        string body = CaseBuilder.DefaultBody, string? pseudonym = null, bool pending = false, Action<Case>? change = null)
    {
        var @case = A.Case().By(authorId).Titled(title).Saying(body).UnderPseudonym(pseudonym).PublishedAt(CommunityAppFactory.Start.UtcDateTime);
        if (pending) @case.Pending();
        if (change is not null) @case.With(change);
        return services.Seed(@case);
    }

    /// <summary>New tests: <c>app.Seed(A.Reply()…)</c>.</summary>
    public static Task<Reply> ReplyAsync(IServiceProvider services, int caseId, string authorId, string body = "Même chose chez nous.", bool pending = false)
    {
        var reply = A.Reply().On(caseId).By(authorId).Saying(body).At(CommunityAppFactory.Start.UtcDateTime);
        return services.Seed(pending ? reply.Pending() : reply);
    }

    /// <summary>Runs a query against a fresh scope's context.</summary>
    public static async Task<T> QueryAsync<T>(IServiceProvider services, Func<CommunityDbContext, Task<T>> query)
    {
        using var scope = services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommunityDbContext>());
    }
}
