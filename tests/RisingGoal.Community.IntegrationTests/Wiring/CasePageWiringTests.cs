using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Wiring;

/// <summary>The case page and the posting handlers working with moderation: flags, moderator tools, suspensions.</summary>
public sealed class CasePageWiringTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Members_see_flag_links_on_others_posts_only()
    {
        var author = await factory.Seed(A.Member().Named("Autrice drapeau"));
        var reader = await factory.Seed(A.Member().Named("Lecteur drapeau"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas que l'on peut signaler"));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var readerClient = await factory.SignedInAs(reader);
        await readerClient.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Une réponse du lecteur." }, "form.reply-form");
        var replyId = await factory.Query(db => db.Set<Reply>().Where(r => r.CaseId == @case.Id).Select(r => r.Id).SingleAsync());

        var asReader = await readerClient.GetDocumentAsync(url);
        Assert.NotNull(asReader.QuerySelector($"article.case a.flag-link[href='/flag/case/{@case.Id}']"));
        Assert.Null(asReader.QuerySelector($"#reply-{replyId} a.flag-link"));
        var asAuthor = await (await factory.SignedInAs(author)).GetDocumentAsync(url);
        Assert.Null(asAuthor.QuerySelector("article.case a.flag-link"));
        Assert.NotNull(asAuthor.QuerySelector($"#reply-{replyId} a.flag-link[href='/flag/reply/{replyId}']"));
        Assert.Empty((await factory.CreateFormClient().GetDocumentAsync(url)).QuerySelectorAll("a.flag-link"));
        Assert.Equal(HttpStatusCode.OK, (await readerClient.Http.GetAsync($"/flag/case/{@case.Id}")).StatusCode);
    }

    [Fact]
    public async Task Moderators_lock_and_feature_from_the_case_page_and_a_stale_form_changes_nothing()
    {
        var author = await factory.Seed(A.Member().Named("Auteur outils"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas à verrouiller depuis sa page"));
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var moderator = await factory.SignedInAs(await factory.Seed(A.Member().Named("Modo outils").WithRole(Roles.Moderator)));
        Assert.Null((await (await factory.SignedInAs(author)).GetDocumentAsync(url)).QuerySelector(".moderator-tools"));

        var stalePage = await moderator.GetDocumentAsync(url);
        var locked = await moderator.SubmitAsync(url, new Dictionary<string, string>(), "form.mod-lock");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(url, locked.Headers.Location!.ToString());
        var page = await moderator.GetDocumentAsync(url);
        Assert.Contains("Ce cas est verrouillé", page.QuerySelector(".replies .notice")!.TextContent);
        Assert.Null(page.QuerySelector("form.reply-form"));
        Assert.NotNull(page.QuerySelector("form.mod-unlock"));

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync(url, new Dictionary<string, string>(), "form.mod-feature")).StatusCode);
        Assert.Equal("Mis en avant", (await factory.CreateFormClient().GetDocumentAsync(url)).QuerySelector(".featured-badge")!.TextContent);

        // The first page still carries the old Version: its "feature" form is refused and nothing changes.
        var staleVersion = stalePage.QuerySelector("form.mod-lock input[name='Input.Version']")!.GetAttribute("value")!;
        await moderator.PostWithTokenAsync(url, "/moderation?handler=Unfeature", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = @case.Id.ToString(), ["Input.Version"] = staleVersion,
        });
        Assert.NotNull(await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.FeaturedUtc).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.GetAsync(page.QuerySelector(".moderator-tools a[href^='/moderation/redact/case/']")!.GetAttribute("href"))).StatusCode);

        // Hidden from the case page: gone for everyone else, still open to moderators, who can unhide it there.
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync(url, new Dictionary<string, string>(), "form.mod-hide")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateFormClient().Http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync(url, new Dictionary<string, string>(), "form.mod-unhide")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateFormClient().Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_suspended_member_is_told_until_when_and_why_and_nothing_is_saved()
    {
        var member = await factory.Seed(A.Member().Named("Suspendu"));
        var moderator = await factory.Seed(A.Member().Named("Modo suspension").WithRole(Roles.Moderator));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            db.Add(Suspension.Start(member.Id, moderator.Id, TimeSpan.FromDays(7), "Propos injurieux répétés", factory.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }
        var client = await factory.SignedInAs(member);

        var form = await client.GetDocumentAsync("/cases/new");
        var notice = form.QuerySelector(".suspension-notice")!.TextContent;
        Assert.Contains("14\u00A0janvier 2030", notice);
        Assert.Contains("Propos injurieux répétés", notice);
        var refused = await client.SubmitAsync("/cases/new", await ComposedCase.FieldsAsync(factory, "Un cas pendant la suspension"), "form.case-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(FormClient.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector(".suspension-notice"));
        Assert.False(await factory.Query(db => db.Set<Case>().AnyAsync(c => c.Title == "Un cas pendant la suspension")));

        var other = await factory.Seed(A.Case().By(moderator).Composed().Titled("Un cas où le membre suspendu veut répondre"));
        var url = CaseUrls.Read(other.Id, other.Slug);
        var reply = await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = "Je réponds quand même." }, "form.reply-form");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("Propos injurieux répétés", FormClient.Parse(await reply.Content.ReadAsStringAsync()).QuerySelector(".suspension-notice")!.TextContent);
        Assert.False(await factory.Query(db => db.Set<Reply>().AnyAsync(r => r.CaseId == other.Id)));
    }

    [Fact]
    public async Task Letters_in_the_cycles_field_give_a_french_message_at_the_field()
    {
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Chiffres")));
        var fields = await ComposedCase.FieldsAsync(factory, "Un cas avec des cycles en lettres");
        fields["Input.OkrCyclesRun"] = "trois";

        var response = await client.SubmitAsync("/cases/new", fields, "form.case-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("La valeur «\u00A0trois\u00A0» n’est pas valide pour Cycles OKR menés.",
            page.QuerySelector("[data-valmsg-for='Input.OkrCyclesRun']")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_header_offers_to_share_a_case_and_anonymous_visitors_are_sent_to_log_in()
    {
        var anonymous = factory.CreateFormClient();
        var link = (await anonymous.GetDocumentAsync("/")).QuerySelector("header a.share-case")!;
        Assert.Equal("Partager un cas", link.TextContent);
        var response = await anonymous.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);

        var member = await factory.SignedInAs(await factory.Seed(A.Member().Named("Partageuse")));
        var href = (await member.GetDocumentAsync("/cases")).QuerySelector("header a.share-case")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync(href)).StatusCode);
    }

    /// <summary>
    /// A follow-up goes on with its case's story: once the pseudonymous author's account is deleted, it keeps the case's
    /// pseudonym (it was "Ancien membre" under "Plume Partie"). While the case's account exists, a detached follow-up was
    /// someone else's (a moderator's, deleted since): tied to no one.
    /// </summary>
    [Fact]
    public async Task A_detached_follow_up_keeps_the_pseudonym_of_its_detached_case_only()
    {
        var author = await factory.Seed(A.Member().Named("Autrice Partie"));
        var gone = await factory.Seed(A.Case().By(author).UnderPseudonym("Plume Partie").Titled("Un cas dont l’autrice est partie")
            .WithFollowUp(FollowUpStatus.Ongoing));
        var deleted = await (await factory.SignedInAs(author)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var page = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(gone.Id, gone.Slug));
        Assert.Equal("Plume Partie", page.QuerySelector("header .byline")?.TextContent);
        Assert.Equal("Plume Partie", page.QuerySelector(".follow-up .byline")?.TextContent);

        var stays = await factory.Seed(A.Case().By(A.Member().Named("Auteur Resté")).UnderPseudonym("Plume Restée")
            .Titled("Un cas dont l’auteur est resté").WithFollowUp(FollowUpStatus.Ongoing));
        await factory.Query(db => db.Set<FollowUp>().Where(f => f.CaseId == stays.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.AuthorId, (string?)null)));
        var kept = await factory.CreateFormClient().GetDocumentAsync(CaseUrls.Read(stays.Id, stays.Slug));
        Assert.Equal("Ancien membre", kept.QuerySelector(".follow-up .byline")?.TextContent);
    }
}

public sealed class DemoContentPagesTests(DemoContentFactory factory) : IClassFixture<DemoContentFactory>
{
    [Fact]
    public async Task The_demo_cases_fill_the_home_matrix_unevenly_and_the_first_renders_with_its_tension()
    {
        var client = factory.CreateFormClient();
        var home = await client.GetDocumentAsync("/");
        var counts = home.QuerySelectorAll("table.matrix tbody td a").Select(Browse.BrowsePages.CellCount).ToList();
        Assert.Equal(12, counts.Count);
        Assert.True(counts.Distinct().Count() >= 3, $"a pattern, not a uniform matrix: {string.Join(",", counts)}");
        Assert.Contains(0, counts);
        var cell = home.QuerySelector("table.matrix a[href='/cases?drift=apparent-alignment&tension=centralisation-vs-autonomy']")!;
        Assert.Equal(3, Browse.BrowsePages.CellCount(cell));

        var first = await factory.Query(db => db.Set<Case>().Where(c => c.DemoId == "scale-up-80-okr-relance").Select(c => new { c.Id, c.Slug }).SingleAsync());
        var page = await client.GetDocumentAsync(CaseUrls.Read(first.Id, first.Slug));
        Assert.Equal("Trois cycles OKR impeccables, et les silos sont revenus", page.QuerySelector("h1")!.TextContent);
        var tensions = page.QuerySelectorAll(".case-tags a[href^='/tensions/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/tensions/centralisation-vs-autonomy"], tensions);
    }
}
