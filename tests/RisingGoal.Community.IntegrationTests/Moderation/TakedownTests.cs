using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>Takedown requests (issue 4, item 9): public form, e-mail confirmation, queue with age, answer by e-mail, logged outcome.</summary>
public sealed class TakedownTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;

    public TakedownTests(CommunityAppFactory factory) => _factory = factory.With("Moderation:AlertsEnabled", "false");

    private IServiceProvider Services => _factory.Services;

    [Fact]
    public async Task Missing_fields_get_a_localised_message_at_the_field()
    {
        var response = await _factory.CreateFormClient("fr").SubmitAsync("/takedown",
            new Dictionary<string, string> { ["Input.Email"] = "pas-une-adresse", ["Input.Passage"] = "Un passage" }, "form.takedown");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Cette adresse e-mail n’est pas valide.", html);
        Assert.Contains("Indiquez l’adresse ou le numéro du cas.", html);
        Assert.Contains("Un passage", html);
    }

    [Fact]
    public async Task Only_a_confirmed_request_reaches_the_queue_and_its_answer_is_mailed_and_logged()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().Named("Modo Retrait").WithRole(Roles.Moderator));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Le cas de la DSI"));
        var visitor = _factory.CreateFormClient("fr");
        const string email = "directrice@acme.example";
        const string passage = "La directrice financière d'Acme a caché les chiffres";

        var sent = await visitor.SubmitAsync("/takedown", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Case"] = $"http://localhost/cases/{@case.Id}/le-cas-de-la-dsi", ["Input.Passage"] = passage,
            ["Input.Kind"] = nameof(TakedownKind.Removal), ["Input.Explanation"] = "Je suis reconnaissable.",
        }, "form.takedown");
        Assert.Contains("takedown-sent", await sent.Content.ReadAsStringAsync());
        var confirmation = Assert.Single(_factory.Mail.To(email));

        var moderatorClient = await _factory.SignedInAs(moderator, "fr");
        Assert.DoesNotContain(passage, await moderatorClient.Http.GetStringAsync("/moderation"));

        var link = new Uri(MailFolder.LinkIn(confirmation, "/takedown/confirm")).PathAndQuery;
        Assert.Contains("n’est pas valide", await visitor.Http.GetStringAsync(link[..^4] + "0000"));
        var confirmed = await visitor.SubmitAsync(link, new Dictionary<string, string>(), "form.confirm-takedown");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("confirmée", await visitor.Http.GetStringAsync(confirmed.Headers.Location!.OriginalString));
        _factory.Clock.Advance(TimeSpan.FromHours(5));

        var queue = FormClient.Parse(await moderatorClient.Http.GetStringAsync("/moderation"));
        var item = queue.QuerySelector(".takedown-item")!;
        Assert.Contains(passage, item.TextContent);
        Assert.Contains("Le cas de la DSI", item.TextContent);
        Assert.Contains("en attente depuis 5 h", item.QuerySelector(".queue-age")!.TextContent);

        var missing = await moderatorClient.SubmitAsync("/moderation", new Dictionary<string, string> { ["Answer.Message"] = "" }, ".takedown-item form.answer-takedown");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Écrivez la réponse que lira le demandeur.", await missing.Content.ReadAsStringAsync());

        var answered = await moderatorClient.SubmitAsync("/moderation", new Dictionary<string, string>
        {
            ["Answer.Outcome"] = nameof(TakedownOutcome.Removed), ["Answer.Message"] = "Le passage a été retiré du cas.",
        }, ".takedown-item form.answer-takedown");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var answer = _factory.Mail.To(email).Single(m => m.Subject == "Votre demande de retrait");
        Assert.Contains("Le passage a été retiré du cas.", answer.TextBody);
        Assert.Contains("passage retiré", answer.TextBody);
        var entry = await _factory.Query(db => db.Set<ModerationLogEntry>().SingleAsync(e => e.Action == ModerationAction.AnswerTakedown));
        Assert.Equal(@case.Id, entry.CaseId);
        Assert.Equal("Modo Retrait", entry.ModeratorName);
        Assert.DoesNotContain("Acme", entry.PublicReason ?? "");
        Assert.Null(entry.PrivateNote);
        Assert.DoesNotContain(passage, await moderatorClient.Http.GetStringAsync("/moderation"));
        Assert.DoesNotContain(passage, await visitor.Http.GetStringAsync("/moderation/log"));
    }

    [Fact]
    public async Task Following_the_link_only_shows_a_button_so_a_mail_scanner_confirms_nothing()
    {
        var (id, link) = await SendRequestAsync("scanner@acme.example", "en");
        var visitor = _factory.CreateFormClient("en");

        foreach (var _ in Enumerable.Range(0, 2))   // a scanner, then the person, follow the link
        {
            var page = await visitor.GetDocumentAsync(link);
            Assert.Contains("Confirm that you sent this request", page.QuerySelector("main")!.TextContent);
            Assert.NotNull(page.QuerySelector("form.confirm-takedown input[name=__RequestVerificationToken]"));
        }
        Assert.Null(await ConfirmedUtcAsync(id));

        var fr = await _factory.CreateFormClient("fr").GetDocumentAsync(link);
        Assert.Equal("Confirmer ma demande", fr.QuerySelector("form.confirm-takedown button")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_confirm_button_confirms_once_and_a_post_without_the_antiforgery_token_is_refused()
    {
        var (id, link) = await SendRequestAsync("bouton@acme.example", "fr");
        var visitor = _factory.CreateFormClient("en");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + link).Query);

        var forged = await visitor.Http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Id"] = query["id"]!, ["Token"] = query["token"]!,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(await ConfirmedUtcAsync(id));

        var wrongToken = await visitor.PostWithTokenAsync(link, link, new Dictionary<string, string> { ["Id"] = query["id"]!, ["Token"] = "0000" });
        Assert.Contains("This confirmation link is not valid", await wrongToken.Content.ReadAsStringAsync());
        Assert.Null(await ConfirmedUtcAsync(id));

        var confirmed = await visitor.SubmitAsync(link, new Dictionary<string, string>(), "form.confirm-takedown");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var after = await visitor.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("Your request is confirmed", after.QuerySelector(".takedown-confirmed")!.TextContent);
        Assert.Null(after.QuerySelector("form.confirm-takedown"));
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, await ConfirmedUtcAsync(id));
    }

    private async Task<(int Id, string Link)> SendRequestAsync(string email, string language)
    {
        var sent = await _factory.CreateFormClient(language).SubmitAsync("/takedown", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Case"] = "12", ["Input.Passage"] = "Un passage reconnaissable",
            ["Input.Kind"] = nameof(TakedownKind.Correction), ["Input.Explanation"] = "C'est moi.",
        }, "form.takedown");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var link = new Uri(MailFolder.LinkIn(Assert.Single(_factory.Mail.To(email)), "/takedown/confirm")).PathAndQuery;
        var id = await _factory.Query(db => db.Set<TakedownRequest>().Where(t => t.Email == email).Select(t => t.Id).SingleAsync());
        return (id, link);
    }

    private Task<DateTime?> ConfirmedUtcAsync(int id) =>
        _factory.Query(db => db.Set<TakedownRequest>().Where(t => t.Id == id).Select(t => t.ConfirmedUtc).SingleAsync());
}
