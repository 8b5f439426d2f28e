using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>
/// A suspended member has no session, so they answer the moderators by mail (README, "Suspension and sessions"): the
/// suspension notice, the login refusal, the 403 page and a moderator's message say where (`Moderation:ContactEmail`,
/// which replies reach), and a moderator's message carries its text, never a link to a page they cannot open. Without
/// an address configured, nothing promises an answer by mail. Real SMTP server, caching on.
/// </summary>
public sealed class SuspendedMemberContactTests
{
    private const string Contact = "moderation@example.org";
    private const string Reason = "Propos insultants répétés";
    private const string MessageText = "Votre réponse du 3 mars cite le nom d’un collègue, nous l’avons masquée.";

    private static DigestAppFactory App(int smtpPort, string? contact = Contact)
    {
        var app = new DigestAppFactory(null, smtpPort);
        app.With("Caching:Enabled", "true");
        if (contact is not null) app.With("Moderation:ContactEmail", contact);
        return app;
    }

    private static async Task SuspendAsync(FormClient moderator, Member member)
    {
        var suspended = await moderator.SubmitAsync($"/moderation/members/{member.Id}",
            new Dictionary<string, string> { ["Input.Days"] = "7", ["Input.Reason"] = Reason }, "form.suspend");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
    }

    private static async Task WriteToAuthorAsync(FormClient moderator, int caseId)
    {
        var written = await moderator.SubmitAsync(MessageUrls.Write(TargetKind.Case, caseId),
            new Dictionary<string, string> { ["Input.Body"] = MessageText }, "form.message-form");
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
    }

    [Fact]
    public async Task The_suspended_member_is_mailed_until_when_why_and_where_to_write_and_the_login_and_403_pages_say_where_too()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var member = await app.Seed(A.Member().Called("suspendue"));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));

        await SuspendAsync(moderator, member);
        await app.Services.DrainOutboxAsync();

        var notice = Assert.Single(smtp.To(member.Email!));
        Assert.Equal("Votre compte est suspendu", notice.Subject);
        Assert.Contains("L’équipe de modération a suspendu votre compte jusqu’au", notice.TextBody);
        Assert.Contains("vous ne pouvez pas vous connecter d’ici là. Motif\u00a0: " + Reason, notice.TextBody);
        Assert.Contains($"répondez à cet e-mail ou écrivez à {Contact}.", notice.TextBody);
        Assert.Equal(Contact, notice.ReplyTo.Mailboxes.Single().Address);   // what the notice says is true: replies reach them

        var french = (await (await app.CreateFormClient("fr").LoginAsync(member.Email!, MemberBuilder.Password)).HtmlAsync()).Summary();
        Assert.Contains("Motif\u00a0: " + Reason, french);
        Assert.EndsWith($"Pour écrire à l’équipe de modération, envoyez un e-mail à {Contact}.", french);
        var english = (await (await app.CreateFormClient("en").LoginAsync(member.Email!, MemberBuilder.Password)).HtmlAsync()).Summary();
        Assert.EndsWith($"To write to the moderators, send an e-mail to {Contact}.", english);

        // A session that outlived the suspension (another instance, until its cookie is checked) meets the 403 page.
        var refused = await (await app.SignedInAs(member)).Http.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = (await refused.HtmlAsync()).QuerySelector("section.error-page")!.TextContent;
        Assert.Contains(Reason, text);
        Assert.Contains($"envoyez un e-mail à {Contact}.", text);
    }

    [Fact]
    public async Task A_moderator_s_message_to_a_suspended_member_carries_its_text_and_how_to_answer_not_a_link_to_a_page_they_cannot_open()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var (french, english) = (await app.Seed(A.Member().Called("francaise")), await app.Seed(A.Member().Called("english").Speaking("en")));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        var frenchCase = (await app.Seed(A.Case().By(french).Titled("Un cas dont l’autrice sera suspendue"))).Id;
        var englishCase = (await app.Seed(A.Case().By(english).Titled("A case whose author will be suspended"))).Id;

        // Written before the suspension, still in the outbox when it starts: rewritten in the same save.
        await WriteToAuthorAsync(moderator, frenchCase);
        await SuspendAsync(moderator, french);
        // Written once suspended.
        await SuspendAsync(moderator, english);
        await WriteToAuthorAsync(moderator, englishCase);
        await app.Services.DrainOutboxAsync();

        var toFrench = Assert.Single(smtp.To(french.Email!), m => m.Subject == "Un message de l’équipe de modération");
        Assert.Contains(MessageText, toFrench.TextBody);
        Assert.Contains("Votre compte est suspendu jusqu’au", toFrench.TextBody);
        Assert.Contains("vous pourrez lire cette conversation et y répondre sur le site une fois la suspension terminée.", toFrench.TextBody);
        Assert.Contains($"Pour répondre à l’équipe de modération, répondez à cet e-mail ou écrivez à {Contact}.", toFrench.TextBody);
        var toEnglish = Assert.Single(smtp.To(english.Email!), m => m.Subject == "A message from the moderators");
        Assert.Contains(MessageText, toEnglish.TextBody);
        Assert.Contains("you can read this conversation and answer it on the site once the suspension is over.", toEnglish.TextBody);
        Assert.Contains($"To answer the moderators, reply to this e-mail or write to {Contact}.", toEnglish.TextBody);
        foreach (var mail in new[] { toFrench, toEnglish })
        {
            Assert.DoesNotContain("/messages/", mail.TextBody + mail.HtmlBody);
            Assert.Equal(Contact, mail.ReplyTo.Mailboxes.Single().Address);
        }
    }

    [Fact]
    public async Task Without_a_contact_address_no_mail_or_page_promises_an_answer_by_mail_and_a_member_not_suspended_gets_the_link()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port, contact: null);
        var (suspended, other) = (await app.Seed(A.Member().Called("suspendu")), await app.Seed(A.Member().Called("autre")));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        var suspendedCase = (await app.Seed(A.Case().By(suspended).Titled("Le cas du membre suspendu"))).Id;
        var otherCase = (await app.Seed(A.Case().By(other).Titled("Le cas d’un membre en règle"))).Id;

        await SuspendAsync(moderator, suspended);
        await WriteToAuthorAsync(moderator, suspendedCase);
        await WriteToAuthorAsync(moderator, otherCase);
        await app.Services.DrainOutboxAsync();

        var toSuspended = smtp.To(suspended.Email!);
        Assert.Equal(["Un message de l’équipe de modération", "Votre compte est suspendu"], toSuspended.Select(m => m.Subject).Order(StringComparer.Ordinal));
        foreach (var mail in toSuspended)
        {
            Assert.DoesNotContain("répondez à cet e-mail", mail.TextBody);
            Assert.Empty(mail.ReplyTo);
            Assert.DoesNotContain("/messages/", mail.TextBody);
        }
        var login = (await (await app.CreateFormClient("fr").LoginAsync(suspended.Email!, MemberBuilder.Password)).HtmlAsync()).Summary();
        Assert.EndsWith("Motif\u00a0: " + Reason, login);

        // Not suspended: the mail is as it always was, with its link to the conversation.
        var toOther = Assert.Single(smtp.To(other.Email!));
        Assert.Contains(MessageText, toOther.TextBody);
        Assert.Contains("Lire et répondre", toOther.TextBody);
        Assert.Contains("/messages/", toOther.TextBody);
        Assert.DoesNotContain("suspendu", toOther.TextBody);
    }

    [Fact]
    public async Task A_lift_gives_a_queued_message_its_link_back_and_leaves_no_mail_saying_suspended()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var member = await app.Seed(A.Member().Called("levee"));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        var caseId = (await app.Seed(A.Case().By(member).Titled("Un cas dont l’autrice sera suspendue puis rétablie"))).Id;

        await SuspendAsync(moderator, member);
        await WriteToAuthorAsync(moderator, caseId);   // written in the suspended form, still in the outbox at the lift
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.SubmitAsync($"/moderation/members/{member.Id}", new Dictionary<string, string>(), "form.lift")).StatusCode);
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(member.Email!), m => m.Subject == "Un message de l’équipe de modération");
        Assert.Contains(MessageText, mail.TextBody);
        Assert.DoesNotContain("suspendu", mail.TextBody);
        Assert.Contains("/messages/", mail.TextBody);                  // they can read and answer it on the site again
    }

    [Fact]
    public async Task Rewriting_the_queued_messages_at_a_suspension_reads_as_much_for_three_messages_as_for_one()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var counter = new SqlCommandCounter();
        var counting = SqlCommandCounter.Counting(app, counter);   // seeds and drains through it too: one host
        var (one, three) = (await counting.Seed(A.Member().Called("une")), await counting.Seed(A.Member().Called("trois")));
        var moderator = await counting.SignedInAs(await counting.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        await WriteToAuthorAsync(moderator, (await counting.Seed(A.Case().By(one).Titled("Le cas de la première"))).Id);
        for (var i = 0; i < 3; i++) await WriteToAuthorAsync(moderator, (await counting.Seed(A.Case().By(three).Titled($"Un cas de la seconde n° {i}"))).Id);

        counter.Reset();
        await SuspendAsync(moderator, one);
        var forOne = counter.Count;
        counter.Reset();
        await SuspendAsync(moderator, three);
        Assert.Equal(forOne, counter.Count);   // one read of the queued messages, not one per message (updates are not counted)

        await counting.Services.DrainOutboxAsync();
        Assert.All(smtp.To(three.Email!).Where(m => m.Subject == "Un message de l’équipe de modération"),
            m => Assert.Contains("Votre compte est suspendu jusqu’au", m.TextBody));
        Assert.Equal(3, smtp.To(three.Email!).Count(m => m.Subject == "Un message de l’équipe de modération"));
    }

    [Fact]
    public async Task A_rejection_mailed_while_suspended_has_no_link_to_the_drafts_page_and_says_when_and_how_to_answer()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = App(smtp.Port);
        var member = await app.Seed(A.Member().Called("refusee"));
        var moderator = await app.SignedInAs(await app.Seed(A.Member().Called("modo").WithRole(Roles.Moderator)));
        var held = await app.Seed(A.Case().By(member).Titled("Un cas qui attend sa relecture").Pending());

        await SuspendAsync(moderator, member);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostWithTokenAsync("/moderation", "/moderation?handler=Reject", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = held.Id.ToString(), ["Input.Version"] = held.Version.ToString(), ["Input.Reason"] = "Spam",
        })).StatusCode);
        await app.Services.DrainOutboxAsync();

        var mail = Assert.Single(smtp.To(member.Email!), m => m.Subject == "Votre message n’a pas été publié");
        Assert.DoesNotContain("/account/drafts", mail.TextBody + mail.HtmlBody);   // a page they cannot open while suspended
        Assert.Contains("Votre compte est suspendu jusqu’au", mail.TextBody);
        Assert.Contains("une fois la suspension terminée", mail.TextBody);
        Assert.Contains($"Pour répondre à l’équipe de modération, répondez à cet e-mail ou écrivez à {Contact}.", mail.TextBody);
        Assert.Equal(Contact, mail.ReplyTo.Mailboxes.Single().Address);
    }
}
