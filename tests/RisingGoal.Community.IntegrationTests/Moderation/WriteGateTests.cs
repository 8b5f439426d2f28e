using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// Moderation cannot be bypassed: every write handler asks the same WritePolicy as posting does (suspension, link
/// limit), authors cannot flag their own posts and only trusted members' flags hide an item.
/// </summary>
public sealed class WriteGateTests(HoldingMembersAppFactory factory) : IClassFixture<HoldingMembersAppFactory>
{
    private const string Refused = "Votre compte est suspendu jusqu’au";
    private const string ThreeLinks = "voir https://a.example, https://b.example et https://c.example";

    private async Task SuspendAsync(Member member, string reason)
    {
        var moderator = await factory.Seed(A.Member().Named("Modo " + Guid.NewGuid().ToString("N")[..6]).WithRole(Roles.Moderator));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        db.Add(Suspension.Start(member.Id, moderator.Id, TimeSpan.FromDays(7), reason, factory.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }



    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_suspended_member_cannot_edit_add_a_follow_up_flag_or_react_and_nothing_is_written()
    {
        var member = await factory.Seed(A.Member().Named("Suspendu").WithPublishedCases(3));
        var @case = await factory.Seed(A.Case().By(member).Composed().Titled("Un cas que le membre suspendu veut changer"));
        var reply = await factory.Seed(A.Reply().On(@case.Id).By(member).Saying("Une réponse d’origine."));
        var other = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Autre"))).Composed().Titled("Un cas d’un autre membre"));
        await SuspendAsync(member, "Propos injurieux répétés");
        var client = await factory.SignedInAs(member);
        var url = CaseUrls.Read(@case.Id, @case.Slug);

        var edit = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string> { ["Input.Title"] = "Titre changé pendant la suspension" }, "form.case-form");
        var editReply = await client.SubmitAsync($"/cases/{@case.Id}/replies/{reply.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = "Réponse changée pendant la suspension." }, "main form.stacked");
        var followUp = await client.SubmitAsync($"/cases/{@case.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Corrected), ["Input.Body"] = "Une suite écrite pendant la suspension.",
        }, "main form.stacked");
        var flag = await client.SubmitAsync($"/flag/case/{other.Id}", new Dictionary<string, string> { ["Input.Reason"] = "Spam" }, "main form.stacked");

        foreach (var response in new[] { edit, editReply, followUp, flag })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await TextAsync(response);
            Assert.Contains(Refused, text);
            Assert.Contains("Propos injurieux répétés", text);
        }

        var otherUrl = CaseUrls.Read(other.Id, other.Slug);
        foreach (var handler in new[] { "Resonate", "Bookmark", "Follow" })
        {
            var reaction = await client.PostWithTokenAsync(otherUrl, $"/cases/{other.Id}/reactions?handler={handler}", new Dictionary<string, string> { ["on"] = "true" });
            Assert.Equal(HttpStatusCode.Redirect, reaction.StatusCode);
            var page = WebUtility.HtmlDecode(await client.Http.GetStringAsync(reaction.Headers.Location!.ToString()));
            Assert.Contains(Refused, page);                                                  // told on the page it comes back to
        }

        var written = await factory.Query(async db => new
        {
            Title = await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Title).SingleAsync(),
            ReplyBody = await db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.BodyMarkdown).SingleAsync(),
            Revisions = await db.Set<CaseRevision>().CountAsync(r => r.CaseId == @case.Id) + await db.Set<ReplyRevision>().CountAsync(r => r.ReplyId == reply.Id),
            FollowUps = await db.Set<FollowUp>().CountAsync(f => f.CaseId == @case.Id),
            Flags = await db.Set<Flag>().CountAsync(f => f.MemberId == member.Id),
            Marks = await db.Set<Resonance>().CountAsync(r => r.MemberId == member.Id) + await db.Set<Bookmark>().CountAsync(b => b.MemberId == member.Id)
                + await db.Set<CaseFollow>().CountAsync(f => f.MemberId == member.Id && f.CaseId == other.Id),
        });
        Assert.Equal("Un cas que le membre suspendu veut changer", written.Title);
        Assert.Equal("Une réponse d’origine.", written.ReplyBody);
        Assert.Equal((0, 0, 0, 0), (written.Revisions, written.FollowUps, written.Flags, written.Marks));
        Assert.DoesNotContain("pendant la suspension", await factory.CreateFormClient().Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_suspended_member_cannot_ask_for_a_new_e_mail_address()
    {
        var member = await factory.Seed(A.Member().Named("Adresse suspendue"));
        await SuspendAsync(member, "Usurpation");
        var client = await factory.SignedInAs(member);

        var response = await client.SubmitAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = "ailleurs@example.test", ["Input.Password"] = MemberBuilder.Password,
        }, "main form.stacked");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await TextAsync(response);
        Assert.Contains(Refused, text);
        Assert.Contains("Usurpation", text);
        Assert.Empty(factory.Mail.To("ailleurs@example.test"));
    }


    [Fact]
    public async Task A_suspended_member_cannot_change_the_name_shown_on_their_posts()
    {
        var member = await factory.Seed(A.Member().Named("Nom suspendu"));
        await SuspendAsync(member, "Propos injurieux");
        var client = await factory.SignedInAs(member);

        var response = await client.SubmitAsync("/account/display-name", new Dictionary<string, string> { ["Input.DisplayName"] = "Un nom injurieux" }, "main form.stacked");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Refused, await TextAsync(response));
        Assert.Equal("Nom suspendu", await factory.Query(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.DisplayName).SingleAsync()));
    }
    [Fact]
    public async Task A_suspended_moderator_cannot_pick_a_case_for_the_digest()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo suspendu").WithRole(Roles.Moderator));
        var @case = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Auteur du choix"))).Composed().Titled("Un cas à choisir pendant une suspension"));
        await SuspendAsync(moderator, "Abus des outils");
        var client = await factory.SignedInAs(moderator);

        var response = await client.PostWithTokenAsync("/takedown", $"/digests/pick/{@case.Id}", new Dictionary<string, string>());   // the pick page refuses them too

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);   // [StaffOnly] refuses every staff write (SuspendedStaffTests)
        Assert.Contains(Refused, await TextAsync(response));
        Assert.False(await factory.Query(db => db.Set<DigestPick>().AnyAsync(p => p.CaseId == @case.Id)));
        Assert.False(await factory.Query(db => db.Set<ModerationLogEntry>().AnyAsync(e => e.CaseId == @case.Id)));
    }

    [Fact]
    public async Task The_link_limit_applies_to_edits_and_follow_ups_of_members_not_yet_trusted()
    {
        var member = await factory.Seed(A.Member().Named("Liens"));
        var @case = await factory.Seed(A.Case().By(member).Composed().Titled("Un cas où l’on ajoute trop de liens"));
        var reply = await factory.Seed(A.Reply().On(@case.Id).By(member).Saying("Une réponse sans lien."));
        var client = await factory.SignedInAs(member);
        const string message = "Les nouveaux membres peuvent inclure au plus 2 liens par message.";

        var edit = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = ComposedCase.Body + "\n\n" + ThreeLinks }, "form.case-form");
        var editReply = await client.SubmitAsync($"/cases/{@case.Id}/replies/{reply.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = ThreeLinks }, "main form.stacked");
        var followUp = await client.SubmitAsync($"/cases/{@case.Id}/follow-ups", new Dictionary<string, string>
        {
            ["Input.Status"] = nameof(FollowUpStatus.Corrected), ["Input.Body"] = ThreeLinks,
        }, "main form.stacked");

        foreach (var response in new[] { edit, editReply, followUp })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(message, FormClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent.Trim());
        }
        var (body, replyBody, followUps) = await factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Body.Markdown).SingleAsync(),
            await db.Set<Reply>().Where(r => r.Id == reply.Id).Select(r => r.BodyMarkdown).SingleAsync(),
            await db.Set<FollowUp>().CountAsync(f => f.CaseId == @case.Id)));
        Assert.Equal((ComposedCase.Body, "Une réponse sans lien.", 0), (body, replyBody, followUps));
    }

    [Fact]
    public async Task Authors_cannot_flag_their_own_posts()
    {
        var author = await factory.Seed(A.Member().Named("Autosignalement").WithPublishedCases(3));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas que son auteur voudrait signaler"));
        var reply = await factory.Seed(A.Reply().On(@case.Id).By(author).Saying("Ma propre réponse."));
        var client = await factory.SignedInAs(author);

        foreach (var target in new[] { $"/flag/case/{@case.Id}", $"/flag/reply/{reply.Id}" })
        {
            var page = await client.GetDocumentAsync(target);
            Assert.Equal("Vous ne pouvez pas signaler votre propre message.", page.QuerySelector(".own-post")!.TextContent.Trim());
            Assert.Null(page.QuerySelector("main form"));
            var forged = await client.PostWithTokenAsync($"/flag/case/{@case.Id}", target, new Dictionary<string, string> { ["Input.Reason"] = "Spam" });
            Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        }
        Assert.False(await factory.Query(db => db.Set<Flag>().AnyAsync(f => f.MemberId == author.Id)));
    }

    [Fact]
    public async Task Flags_from_members_not_yet_trusted_reach_the_queue_but_only_trusted_flags_hide()
    {
        var author = await factory.Seed(A.Member().Named("Signalé"));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas signalé par des nouveaux"));
        async Task<CaseStatus> Status() => await factory.Query(db => db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.Status).SingleAsync());
        async Task FlagAsync(Member flagger) =>
            Assert.Equal(HttpStatusCode.Redirect, (await (await factory.SignedInAs(flagger))
                .SubmitAsync($"/flag/case/{@case.Id}", new Dictionary<string, string> { ["Input.Reason"] = "Spam" }, "main form.stacked")).StatusCode);

        for (var i = 0; i < 4; i++) await FlagAsync(await factory.Seed(A.Member().Named($"Nouveau {i}")));
        Assert.Equal(CaseStatus.Published, await Status());                  // four untrusted flags: still published
        Assert.Equal(4, await factory.Query(db => db.Set<Flag>().CountAsync(f => f.TargetId == @case.Id && f.TargetKind == TargetKind.Case)));

        await FlagAsync(await factory.Seed(A.Member().Named("Fiable 1").WithPublishedCases(3)));
        await FlagAsync(await factory.Seed(A.Member().Named("Fiable 2").WithPublishedCases(3)));
        Assert.Equal(CaseStatus.Published, await Status());                  // two trusted flags: below the threshold of 3
        await FlagAsync(await factory.Seed(A.Member().Named("Fiable 3").WithPublishedCases(3)));
        Assert.Equal(CaseStatus.Hidden, await Status());
    }
}
