using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>Real rows for the case tests: taxonomy tags (until the import exists) and cases written like the app writes them.</summary>
public static class CaseSeed
{
    public const string Body = ComposedCase.Body;

    public static async Task<Dictionary<string, int>> TagsAsync(CommunityAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var wanted = new (string Slug, TagKind Kind, string Fr, string En)[]
        {
            ("apparent-alignment", TagKind.DriftType, "Alignement apparent", "Apparent alignment"),
            ("invisible-trade-offs", TagKind.DriftType, "Arbitrages invisibles", "Invisible trade-offs"),
            ("centralisation-vs-autonomy", TagKind.Tension, "Centralisation vs autonomie", "Centralisation vs autonomy"),
            ("silo-behaviour", TagKind.Symptom, "Silotage", "Silo behaviour"),
            ("alignment-vs-coherence", TagKind.Safeguard, "Distinguer alignement et cohérence", "Alignment vs coherence"),
        };
        foreach (var (slug, kind, fr, en) in wanted)
            if (!await db.Set<Tag>().AnyAsync(t => t.Slug == slug))
                db.Add(new Tag { Slug = slug, Kind = kind, NameFr = fr, NameEn = en });
        await db.SaveChangesAsync();
        return await db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id);
    }

    /// <summary>The case tests' usual case (three tags, a real body). New tests: <c>app.Seed(A.Case()…)</c>.</summary>
    public static async Task<Case> CaseAsync(CommunityAppFactory factory, Member author, string title = "Les silos sont revenus après trois cycles",
        string? pseudonym = null, CaseVisibility visibility = CaseVisibility.Public, Action<Case>? change = null)
    {
        await TagsAsync(factory);
        return await factory.Seed(A.Case().By(author).Composed().Titled(title).UnderPseudonym(pseudonym).Visible(visibility).With(change ?? (_ => { })));
    }

    /// <summary>A member with that many published cases (three make a trusted member under the default rules).</summary>
    public static async Task<Member> MemberWithCasesAsync(CommunityAppFactory factory, string name, int cases, params string[] roles)
    {
        var member = await factory.Seed(A.Member().Named(name + " " + Guid.NewGuid().ToString("N")[..6]).WithRole(roles));
        for (var i = 0; i < cases; i++) await CaseAsync(factory, member, $"Un cas de {member.DisplayName} n°{i}");
        return member;
    }

    /// <summary>A published reply, with the case's reply counter updated as the app does. New tests: <c>app.Seed(A.Reply()…)</c>.</summary>
    public static Task<Reply> ReplyAsync(CommunityAppFactory factory, int caseId, Member author, string body) =>
        factory.Seed(A.Reply().On(caseId).By(author).Saying(body));

    /// <summary>New tests: <see cref="ComposedCase.FieldsAsync"/>.</summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(CommunityAppFactory factory, string title, string? body = null)
    {
        await TagsAsync(factory);
        return await ComposedCase.FieldsAsync(factory, title, body);
    }

    public static async Task<T> QueryAsync<T>(CommunityAppFactory factory, Func<CommunityDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommunityDbContext>());
    }
}
