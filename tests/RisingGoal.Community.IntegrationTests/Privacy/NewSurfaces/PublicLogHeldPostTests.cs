using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.NewSurfaces;

/// <summary>
/// A post held for review and refused was never public: its author and staff alone know it existed (the discussion's
/// paging does not count it, <see cref="DiscussionPagingOracleTests"/>). The public log may say that a moderator refused
/// something, never on which public case: "refused: an edit of &lt;case&gt;, identifies someone" told everyone that
/// the case's author (named, or behind a pseudonym) tried to publish a text naming someone, and "refused: a reply on
/// &lt;case&gt;" that the discussion holds a reply nobody may read.
/// </summary>
public sealed class PublicLogHeldPostTests
{
    [Fact]
    public async Task The_public_log_never_names_the_case_of_a_held_post_it_refused()
    {
        await using var app = new HoldingMembersAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Bernadette Nommée"));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas public dont l’autrice propose une modification")
            .Tagged("framework-vs-culture").Tagged(TagKind.DriftType, "apparent-alignment"));
        var newcomer = await app.SignedInAs(await app.Seed(A.Member().Named("Nouveau Venu")));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Named("Modératrice Publique").WithRole(Roles.Moderator)));

        // The author's edit and a newcomer's reply, both held (not trusted yet), both refused.
        await (await app.SignedInAs(author)).EditOnPageAsync(@case.Id, ("Input.Title", "Un cas public, avec le nom du directeur"));
        var edit = await app.Query(db => db.Set<PendingEdit>().Where(e => e.CaseId == @case.Id).Select(e => e.Id).SingleAsync());
        var reply = await app.ReplyOnPageAsync(newcomer, @case.Id, "Chez nous, le directeur Untel a tout bloqué.");
        Assert.Equal(ReplyStatus.Pending, await app.Query(db => db.Set<Reply>().Where(r => r.Id == reply).Select(r => r.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.IdentifiesSomeone) }, $"#edit-{edit} form.reject-edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync("/moderation",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(RejectReason.IdentifiesSomeone) }, $"#item-reply-{reply} form.reject")).StatusCode);

        foreach (var reader in new[] { app.CreateFormClient("fr"), await app.SignedInAs(await app.Seed(A.Member())) })
        {
            var log = await reader.GetDocumentAsync("/moderation/log");
            var rows = log.QuerySelectorAll("table.moderation-log tbody tr");
            Assert.Equal(2, rows.Length);   // both refusals are logged: moderation stays visible
            Assert.DoesNotContain(@case.Title, log.Body!.TextContent);
            // Said without naming where, and true: not "a case that is not public" (this one is).
            Assert.Contains(rows, r => r.TextContent.Contains("a refusé un message retenu pour relecture", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.TextContent.Contains("a refusé une modification retenue pour relecture", StringComparison.Ordinal));
            Assert.DoesNotContain("n’est pas public", log.Body!.TextContent);
            Assert.Empty(log.QuerySelectorAll($"a[href^='/cases/{@case.Id}/']"));
        }
        // The case itself stays public and unchanged.
        Assert.Contains(@case.Title, await app.CreateFormClient("fr").Http.GetStringAsync(await app.CaseUrlAsync(@case.Id)));
    }
}
