using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Cases;

/// <summary>
/// The case composer filled in as a member fills it (every field valid), and <see cref="Composed"/>: the same full case
/// seeded through <see cref="A.Case"/>. Tags come from the taxonomy the app imports at start-up.
/// </summary>
public static class ComposedCase
{
    public const string Body = "## Contexte\n\nune équipe produit pilotait ses objectifs chaque trimestre avec beaucoup de rigueur.\n\n" +
        "## Ce qui a dérivé\n\nles arbitrages de ressources se faisaient en dehors des revues, et les priorités devenaient floues pour tout le monde.\n\n" +
        "## Ce que nous avons appris\n\nêtre synchronisé ne suffit pas.";

    public const string DriftTag = "apparent-alignment";
    public const string TensionTag = "centralisation-vs-autonomy";

    /// <summary>A full case (title, summary, body, conclusion, context, a drift, a tension and a symptom); call <c>Titled</c> after to rename it.</summary>
    public static CaseBuilder Composed(this CaseBuilder @case) => @case
        .Titled("Les silos sont revenus après trois cycles")
        .Summarised("un résumé assez long pour être accepté par le formulaire de cas.").Saying(Body).Concluding("ça va mieux", "que feriez-vous ?")
        .In(new CaseContext(SizeBand.From201To1000, Sector.Software, Stage.ScaleUp, null, 3, AuthorRole.Coach))
        .Tagged(TagKind.DriftType, DriftTag).Tagged(TagKind.Tension, TensionTag).Tagged(TagKind.Symptom, "silo-behaviour");

    /// <summary>The imported taxonomy's tag ids by slug.</summary>
    public static Task<Dictionary<string, int>> TagIdsAsync(CommunityAppFactory app) =>
        app.Query(db => db.Set<Tag>().ToDictionaryAsync(t => t.Slug, t => t.Id));

    /// <summary>Every field of a valid case form (details checked), for posting through the real page.</summary>
    public static async Task<Dictionary<string, string>> FieldsAsync(CommunityAppFactory app, string title, string? body = null)
    {
        var tags = await TagIdsAsync(app);
        return new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Summary"] = "les objectifs tournaient bien mais les arbitrages restaient cachés hors des revues.",
            ["Input.Body"] = body ?? Body,
            ["Input.SizeBand"] = nameof(SizeBand.From201To1000),
            ["Input.Sector"] = nameof(Sector.Software),
            ["Input.Stage"] = nameof(Stage.ScaleUp),
            ["Input.AuthorRole"] = nameof(AuthorRole.Coach),
            ["Input.DriftTagIds"] = tags[DriftTag].ToString(),
            ["Input.TensionTagIds"] = tags[TensionTag].ToString(),
            ["Input.NamesRemoved"] = "true",
        };
    }
}
