using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Features.Notifications;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Messages;

/// <summary>
/// Moderators write to the author of a post (issue 17, item 1): the member reads it in the site and by e-mail, signed by
/// the team, and answers; under a pseudonym no moderator, page, log or e-mail ever shows the account. Caching on.
/// </summary>
public sealed class ModeratorMessageTests
{
    private const string Text = "Bonjour, pourriez-vous retirer le nom de l’entreprise du deuxième paragraphe ?\n\nMerci d’avance.";

    private static DigestAppFactory App(int? smtpPort = null)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        return app;
    }

    private static int ThreadIdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return int.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_moderator_writes_to_a_pseudonymous_author_who_reads_it_in_the_site_and_by_mail_and_answers_and_nobody_sees_the_account()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var author = await app.Seed(A.Member().Called("bertrand").Named("Bertrand Secret"));
        var moderator = await app.Seed(A.Member().Called("modo").Named("Modo Nommé").WithRole(Roles.Moderator));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise"))).Id;
        var modClient = await app.SignedInAs(moderator);

        // From the case page's moderator tools to the write page: the pseudonym, never the account.
        var link = (await modClient.GetDocumentAsync(await app.CaseUrlAsync(caseId))).QuerySelector("a.write-to-author")!.GetAttribute("href")!;
        Assert.Equal($"/moderation/messages/write/case/{caseId}", link);
        var write = await modClient.GetDocumentAsync(link);
        Assert.Contains("Plume Grise", write.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Bertrand", write.Body!.OuterHtml);
        Assert.DoesNotContain(author.Id, write.Body!.OuterHtml);

        // An empty message is refused at the field, nothing sent.
        var empty = await modClient.SubmitAsync(link, new Dictionary<string, string> { ["Input.Body"] = " " }, "form.message-form");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Écrivez votre message.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));

        var threadId = ThreadIdOf(await modClient.SubmitAsync(link, new Dictionary<string, string> { ["Input.Body"] = Text }, "form.message-form"));
        var staffPage = await modClient.GetDocumentAsync(MessageUrls.Staff(threadId));
        Assert.Contains("retirer le nom de l’entreprise", staffPage.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Bertrand", staffPage.Body!.OuterHtml);
        Assert.DoesNotContain(author.Id, staffPage.Body!.OuterHtml);
        // Writing again about the same post continues the thread.
        Assert.Equal(MessageUrls.Staff(threadId), (await modClient.Http.GetAsync(link)).Headers.Location!.ToString());

        // The member: one notification with the text, signed by the team, naming no moderator.
        var authorClient = await app.SignedInAs(author);
        var notifications = await authorClient.GetDocumentAsync("/notifications");
        var item = notifications.QuerySelector("li.notification")!;
        Assert.Equal("L’équipe de modération vous a écrit au sujet de votre publication", item.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(MessageUrls.Member(threadId), item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("retirer le nom de l’entreprise", item.QuerySelector("blockquote")!.TextContent);
        Assert.Equal("— L’équipe de modération", item.QuerySelector("blockquote footer")!.TextContent.Trim());
        Assert.DoesNotContain("Modo", notifications.QuerySelector("main")!.TextContent);

        // The e-mail: to the author only, with the text and the link, no moderator's name, no case title.
        await app.Services.DrainOutboxAsync();
        var mail = Assert.Single(smtp.Received);
        Assert.Equal(author.Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("retirer le nom de l’entreprise", mail.TextBody);
        Assert.Contains(MessageUrls.Member(threadId), mail.TextBody);
        Assert.DoesNotContain("Modo", mail.TextBody + mail.HtmlBody + mail.Subject);

        // The member answers; moderators see it, attributed to the pseudonym's author.
        var memberPage = await authorClient.GetDocumentAsync(MessageUrls.Member(threadId));
        Assert.Contains("L’équipe de modération", memberPage.QuerySelector("ol.conversation")!.TextContent);
        Assert.DoesNotContain("Modo", memberPage.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await authorClient.SubmitAsync(MessageUrls.Member(threadId),
            new Dictionary<string, string> { ["Input.Body"] = "C’est fait, merci." }, "form.message-form")).StatusCode);
        staffPage = await modClient.GetDocumentAsync(MessageUrls.Staff(threadId));
        Assert.Contains("C’est fait, merci.", staffPage.QuerySelector("li.from-member")!.TextContent);
        Assert.Contains("Plume Grise", staffPage.QuerySelector("li.from-member")!.TextContent);
        var inbox = await modClient.GetDocumentAsync("/moderation/messages");
        Assert.NotNull(inbox.QuerySelector("li.awaits"));
        Assert.DoesNotContain("Bertrand", inbox.Body!.OuterHtml);

        // Nobody else reads or writes in the thread; members do not reach the staff pages.
        var other = await app.Seed(A.Member().Called("curieux"));
        var otherClient = await app.SignedInAs(other);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.Http.GetAsync(MessageUrls.Member(threadId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostWithTokenAsync("/notifications", MessageUrls.Member(threadId),
            new Dictionary<string, string> { ["Input.Body"] = "Intrus" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.Http.GetAsync("/moderation/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherClient.Http.GetAsync(MessageUrls.Staff(threadId))).StatusCode);

        // Logged without text; the public log shows that a message was sent, not about which post nor to whom.
        var entry = await app.Query(db => db.Set<ModerationLogEntry>()
            .SingleAsync(e => e.Action == ModerationAction.MessageAuthor));
        Assert.Null(entry.PublicReason);
        Assert.Null(entry.PrivateNote);
        var log = (await app.CreateFormClient().GetDocumentAsync("/moderation/log")).QuerySelector("main")!.TextContent;
        Assert.Contains("a écrit en privé à l’auteur·e d’une publication", log);
        Assert.DoesNotContain("Un cas sous pseudonyme", log);
        Assert.DoesNotContain("Plume Grise", log);
        Assert.DoesNotContain("retirer", log);
    }

    [Fact]
    public async Task A_suspended_author_can_answer_their_messages_are_exported_and_deleted_with_the_account_and_a_hidden_case_is_not_named()
    {
        await using var app = App();
        var caseAuthor = await app.Seed(A.Member().Called("autrice"));
        var replier = await app.Seed(A.Member().Called("replier"));
        var moderator = await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator));
        var caseId = (await app.Seed(A.Case().By(caseAuthor).Titled("Un titre qui sera masqué"))).Id;
        var replyId = (await app.Seed(A.Reply().On(caseId).By(replier))).Id;
        var modClient = await app.SignedInAs(moderator);
        var threadId = ThreadIdOf(await modClient.SubmitAsync(MessageUrls.Write(TargetKind.Reply, replyId),
            new Dictionary<string, string> { ["Input.Body"] = "Votre réponse cite un chiffre confidentiel." }, "form.message-form"));

        // The case is hidden afterwards: the replier no longer sees its title, in the conversation or the notifications.
        await app.Query(async db =>
        {
            (await db.Set<Case>().SingleAsync(c => c.Id == caseId)).Hide(app.Clock.GetUtcNow().UtcDateTime);
            db.Add(Suspension.Start(replier.Id, moderator.Id, TimeSpan.FromDays(7), "Chiffres confidentiels", app.Clock.GetUtcNow().UtcDateTime));
            return await db.SaveChangesAsync();
        });
        var client = await app.SignedInAs(replier);
        var page = await client.GetDocumentAsync(MessageUrls.Member(threadId));
        Assert.Contains("chiffre confidentiel", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Un titre qui sera masqué", page.Body!.OuterHtml);
        var notifications = await client.GetDocumentAsync("/notifications");
        Assert.DoesNotContain("Un titre qui sera masqué", notifications.Body!.OuterHtml);
        // ...but the message itself still reaches them there, under a heading that names nothing, and in the count.
        var group = notifications.QuerySelector("section.notification-group")!;
        Assert.Equal("Une discussion qui n’est plus affichée", group.QuerySelector("h2")!.TextContent.Trim());
        Assert.Null(group.QuerySelector("h2 a"));
        Assert.Contains("chiffre confidentiel", group.QuerySelector("blockquote")!.TextContent);
        Assert.Equal(MessageUrls.Member(threadId), group.QuerySelector("li.notification a")!.GetAttribute("href"));
        Assert.Equal("1", notifications.QuerySelector(".notification-count")?.TextContent);

        // Suspended, and still able to answer the moderators (as Discourse lets suspended users write to staff).
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(MessageUrls.Member(threadId),
            new Dictionary<string, string> { ["Input.Body"] = "Je ne savais pas, pardon." }, "form.message-form")).StatusCode);

        await app.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Member>>();
            return (await users.AddPasswordAsync((await users.FindByIdAsync(replier.Id))!, MemberBuilder.Password)).Succeeded;
        });
        using (var json = JsonDocument.Parse(await client.Http.GetStringAsync("/account/export")))
        {
            var messages = json.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
            Assert.Equal(["Votre réponse cite un chiffre confidentiel.", "Je ne savais pas, pardon."], messages);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);
        var (threads, left) = await app.Query(async db =>
        {
            return (await db.Set<MessageThread>().CountAsync(), await db.Set<ModeratorMessage>().CountAsync());
        });
        Assert.Equal((0, 0), (threads, left));
    }
}
