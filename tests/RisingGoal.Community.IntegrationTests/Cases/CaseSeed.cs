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
    public const string Body = "## Contexte\n\nune équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.\n\n" +
        "## Ce qui a dérivé\n\nles arbitrages de ressources se faisaient en dehors des revues, et les priorités devenaient floues pour tout le monde.\n\n" +
        "## Ce que nous avons appris\n\nêtre synchronisé ne suffit pas.";

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
        var tags = await TagsAsync(factory);
        return await factory.Seed(Usual(A.Case().By(author).Titled(title).UnderPseudonym(pseudonym).Visible(visibility)
            .Tagged(tags["apparent-alignment"], tags["centralisation-vs-autonomy"], tags["silo-behaviour"]).With(change ?? (_ => { }))));
    }

    /// <summary>The summary, body, conclusion and context the case tests' cases share.</summary>
    public static CaseBuilder Usual(CaseBuilder @case) => @case
        .Summarised("un résumé assez long pour être accepté par le formulaire de cas.").Saying(Body).Concluding("ça va mieux", "que feriez-vous ?")
        .In(new CaseContext(SizeBand.From201To1000, Sector.Software, Stage.ScaleUp, null, 3, AuthorRole.Coach));

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

    /// <summary>Every field of a valid case form (details checked), for posting through the real page.</summary>
    public static async Task<Dictionary<string, string>> FormFieldsAsync(CommunityAppFactory factory, string title, string? body = null)
    {
        var tags = await TagsAsync(factory);
        return new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.",
            ["Input.Body"] = body ?? Body,
            ["Input.SizeBand"] = nameof(SizeBand.From201To1000),
            ["Input.Sector"] = nameof(Sector.Software),
            ["Input.Stage"] = nameof(Stage.ScaleUp),
            ["Input.AuthorRole"] = nameof(AuthorRole.Coach),
            ["Input.DriftTagIds"] = tags["apparent-alignment"].ToString(),
            ["Input.TensionTagIds"] = tags["centralisation-vs-autonomy"].ToString(),
            ["Input.NamesRemoved"] = "true",
        };
    }

    public static async Task<T> QueryAsync<T>(CommunityAppFactory factory, Func<CommunityDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommunityDbContext>());
    }
}
