using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// A shown name (display name or pseudonym) belongs to one account, and asking whether a name is free never tells which
/// account holds it: every road answers the same whoever holds the name, except to its own author, who learns only about
/// themselves. A moderator choosing a pseudonym for someone's case is refused every pseudonym in use, its author's too:
/// "allowed for the same author" would tell the moderator that two cases share one.
/// </summary>
public sealed class PseudonymProbingTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const string InUse = "Ce nom est déjà utilisé (nom affiché d’un membre ou pseudonyme) ou réservé. Choisissez-en un autre.";

    [Fact]
    public async Task A_pseudonym_in_use_is_refused_to_another_account_as_a_display_name_is_and_its_author_may_use_it_again()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var author = await factory.Seed(A.Member().Named("Autrice " + tag));
        var somebody = await factory.Seed(A.Member().Named("Élise Probe " + tag));
        await factory.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise " + tag));
        var prober = await factory.Seed(A.Member().Named("Curieux " + tag));
        var client = await factory.SignedInAs(prober);
        var fields = await ComposedCase.FieldsAsync(factory, "Un cas pour sonder les noms");

        async Task<string?> RefusalAsync(FormClient writer, string pseudonym)
        {
            fields["Input.Pseudonym"] = pseudonym;
            var response = await writer.SubmitAsync("/cases/new", fields);
            return response.StatusCode == HttpStatusCode.OK ? (await response.HtmlAsync()).FieldError("Input.Pseudonym") : null;
        }

        // Another author's pseudonym, whatever its case or accents, gets the answer a member's display name gets.
        Assert.Equal(InUse, await RefusalAsync(client, "PLUME grisé " + tag));
        Assert.Equal(InUse, await RefusalAsync(client, somebody.DisplayName.ToUpperInvariant()));
        Assert.Equal(0, await factory.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == prober.Id)));

        // Its author may sign a second case with it: they learn nothing but their own.
        Assert.Null(await RefusalAsync(await factory.SignedInAs(author), "Plume Grise " + tag));
        Assert.Equal(2, await factory.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == author.Id && c.Pseudonym == "Plume Grise " + tag)));
    }

    [Fact]
    public async Task A_pseudonym_of_a_deleted_account_and_a_reserved_name_get_the_answer_a_name_in_use_gets()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var leaving = await factory.Seed(A.Member());
        await factory.Seed(A.Case().By(leaving).Titled("Un cas dont l’autrice part").UnderPseudonym("Héron Cendré " + tag));
        Assert.Equal(HttpStatusCode.Redirect, (await (await factory.SignedInAs(leaving)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);
        var fields = await ComposedCase.FieldsAsync(factory, "Un cas pour sonder les noms");
        var client = await factory.SignedInAs(await factory.Seed(A.Member()));

        // "Free since its author left" would say the pseudonym's account is the one that just disappeared.
        foreach (var pseudonym in new[] { "héron cendré " + tag, "Rising Goal" })
        {
            fields["Input.Pseudonym"] = pseudonym;
            var response = await client.SubmitAsync("/cases/new", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(InUse, (await response.HtmlAsync()).FieldError("Input.Pseudonym"));
        }
    }

    [Fact]
    public async Task A_moderator_replacing_a_pseudonym_is_refused_the_same_author_s_other_pseudonym_as_anyone_else_s()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (author, other) = (await factory.Seed(A.Member()), await factory.Seed(A.Member()));
        var replaced = await factory.Seed(A.Case().By(author).Titled("Un pseudonyme qui identifie").UnderPseudonym("DRH de Acme " + tag));
        await factory.Seed(A.Case().By(author).Titled("Un autre cas de la même autrice").UnderPseudonym("Héron " + tag));
        await factory.Seed(A.Case().By(other).Titled("Le cas de quelqu’un d’autre").UnderPseudonym("Milan " + tag));
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Moderator)));

        async Task<string?> RefusalAsync(string pseudonym)
        {
            var response = await moderator.SubmitAsync($"/moderation/redact/case/{replaced.Id}",
                new Dictionary<string, string> { ["Pseudonym.New"] = pseudonym, ["Pseudonym.PublicReason"] = "Identifiant" }, "#replace-pseudonym");
            return response.StatusCode == HttpStatusCode.OK ? (await response.HtmlAsync()).FieldError("Pseudonym.New") : null;
        }

        Assert.Equal(InUse, await RefusalAsync("héron " + tag));
        Assert.Equal(InUse, await RefusalAsync("MILAN " + tag));
        Assert.Equal("DRH de Acme " + tag, await factory.Query(db => db.Set<Case>().Where(c => c.Id == replaced.Id).Select(c => c.Pseudonym).SingleAsync()));
    }
}
