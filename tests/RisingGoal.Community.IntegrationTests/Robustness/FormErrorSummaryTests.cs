using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// Every form answers a failed submit with the composer's error summary (GOV.UK): each problem once, linked to its
/// field, and said once more at that field (an error of the whole form in the summary only). ASP.NET's own summary wrote
/// an inline <c>style</c> the strict CSP blocks (a console violation on every form page): no element of the page may
/// carry one. Caching on, as in production.
/// </summary>
public sealed class FormErrorSummaryTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private readonly CommunityAppFactory _app = factory.With("Caching:Enabled", "true");
    private static int _runs;

    /// <summary>The forms a member fills in whose failed submit names a field (a wrong sign-in is the whole form's).</summary>
    private static readonly string[] MemberFieldForms =
    [
        "sign-up", "forgotten password", "confirmation link again", "new password from a link", "password", "e-mail",
        "display name", "account deletion", "two-factor set-up", "composer", "reply", "reply edit", "follow-up", "flag",
        "digest preferences",
    ];

    /// <summary>The staff's forms, and the visitor's takedown request, whose failed submit names a field.</summary>
    private static readonly string[] StaffFieldForms =
    [
        "takedown request", "suspension", "moderator grant", "redaction", "rejection from the queue", "takedown answer", "digest pick",
    ];

    public static TheoryData<string> Forms => new(["sign-in", .. MemberFieldForms, .. StaffFieldForms]);

    public static TheoryData<string> FormsWithFieldErrors => new([.. MemberFieldForms, .. StaffFieldForms]);

    /// <summary>
    /// A value the binder cannot read names its field in the reader's words, never by its C# property ("… pour
    /// Frequency", seen by the people helper): a property without a [Display] name is "ce champ" (UnnamedFields).
    /// </summary>
    [Fact]
    public async Task A_value_that_cannot_be_read_is_told_at_its_field_without_the_code_name_of_the_field()
    {
        var (client, url, selector, fields) = await FormAsync("digest preferences");

        var response = await client.SubmitAsync(url, fields, selector);

        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("La valeur «\u00A0Monthly\u00A0» n’est pas valide pour ce champ.", page.QuerySelector("#frequency-error")!.TextContent.Trim());
        Assert.DoesNotContain("Frequency", page.QuerySelector("main")!.TextContent);
    }

    /// <summary>
    /// An unnamed field is "ce champ" in messages that name a field; the one that begins "Le champ {0}" takes its fieldless
    /// form rather than "Le champ ce champ doit être un nombre." (client validation of a decimal field; no form has one
    /// today, so the message provider is asked directly).
    /// </summary>
    [Fact]
    public void An_unnamed_number_field_is_not_called_the_field_this_field()
    {
        var messages = _app.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");
            Assert.Equal("Le champ doit être un nombre.", messages.ValueMustBeANumberAccessor("ce champ"));
            Assert.Equal("Le champ Jours doit être un nombre.", messages.ValueMustBeANumberAccessor("Jours"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal("The field must be a number.", messages.ValueMustBeANumberAccessor("this field"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_failed_submit_lists_each_error_once_linked_to_its_field_with_no_inline_style(string form)
    {
        var (client, url, selector, fields) = await FormAsync(form);

        var response = await client.SubmitAsync(url, fields, selector);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml[..Math.Min(e.OuterHtml.Length, 120)]));
        Assert.Empty(page.QuerySelectorAll(".validation-summary-errors, .validation-summary-valid, [data-valmsg-summary]"));
        var summary = Assert.Single(page.QuerySelectorAll("#error-summary"));
        var items = summary.QuerySelectorAll("li").ToList();
        Assert.NotEmpty(items);
        var atFields = page.QuerySelectorAll("main .field-validation-error, main [role=alert]").Where(e => !summary.Contains(e))
            .Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(items.Count, items.Select(li => li.TextContent.Trim()).Distinct().Count());   // no problem listed twice
        foreach (var item in items)
        {
            var message = item.TextContent.Trim();
            if (item.QuerySelector("a") is { } link)
            {
                Assert.NotNull(page.GetElementById(link.GetAttribute("href")![1..]));   // the link leads to a field of the page
                Assert.True(atFields.Count(text => text == message) == 1, $"“{message}” said {atFields.Count(text => text == message)} times at fields");
            }
            else Assert.DoesNotContain(message, atFields);                                // the whole form's: in the summary alone
        }
    }

    /// <summary>
    /// GOV.UK's order at every field, as the composer's text sections: its label, its hint, its error, then the field,
    /// which the error describes. The account forms and the reply form said the error after the field, where a screen
    /// reader meets it only once past the input; so did the staff's forms (redaction, takedown, suspension, moderator
    /// grant, digest pick) until session 17, and the queue's rejection said its errors in the summary alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(FormsWithFieldErrors))]
    public async Task Each_field_reads_its_label_its_hint_its_error_then_the_field_the_error_describes(string form)
    {
        var (client, url, selector, fields) = await FormAsync(form);

        var response = await client.SubmitAsync(url, fields, selector);

        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        var errors = page.QuerySelectorAll("main :is(.field, .tag-choices) .field-validation-error").Where(e => e.TextContent.Trim().Length > 0).ToList();
        Assert.NotEmpty(errors);
        foreach (var error in errors)
        {
            var field = error.Closest(".field, .tag-choices")!;
            var where = $"{form}: “{error.TextContent.Trim()}”";
            var control = field.QuerySelector("input:not([type=hidden]), textarea, select")!;
            Assert.True(error.CompareDocumentPosition(control).HasFlag(DocumentPositions.Following), $"{where} comes after its field");
            // A label around a radio or a checkbox is one of the choices, which come after the error.
            foreach (var before in field.QuerySelectorAll(":scope > label, :scope > legend, :scope > .hint").Where(e => e.QuerySelector("input") is null))
                Assert.True(before.CompareDocumentPosition(error).HasFlag(DocumentPositions.Following), $"{where} comes before its label or hint");
            var describedBy = $"{control.GetAttribute("aria-describedby")} {field.GetAttribute("aria-describedby")}".Split(' ');   // the field, or its group
            Assert.True(error.Id is { Length: > 0 } && describedBy.Contains(error.Id), $"{where} does not describe its field");
        }
    }

    /// <summary>
    /// A field is described by its error only while it has one: before a submit, and at the fields left right after
    /// one, <c>aria-describedby</c> names no empty element (a screen reader said "blank" after the hint), and no
    /// missing one. About 25 account, flag and composer fields always named their error element (FieldErrorTagHelper).
    /// </summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Each_field_is_described_only_by_elements_that_say_something_before_and_after_a_failed_submit(string form)
    {
        var (client, url, selector, fields) = await FormAsync(form);

        var before = await client.GetDocumentAsync(url);
        var after = FormClient.Parse(await (await client.SubmitAsync(url, fields, selector)).Content.ReadAsStringAsync());

        foreach (var (when, page) in new[] { ("before", before), ("after", after) })
            foreach (var described in page.QuerySelectorAll("[aria-describedby]"))
                foreach (var id in described.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var where = $"{form}, {when} the submit: {described.LocalName}#{described.Id} names “{id}”";
                    var description = page.GetElementById(id);
                    Assert.True(description is not null, $"{where}, which is not on the page");
                    Assert.True(description.TextContent.Trim().Length > 0, $"{where}, which is empty");
                }
    }

    private async Task<(FormClient Client, string Url, string Selector, Dictionary<string, string> Fields)> FormAsync(string form)
    {
        var visitor = _app.CreateFormClient();
        var run = Interlocked.Increment(ref _runs);   // two tests walk the same forms on one app: names stay unique
        var empty = new Dictionary<string, string>();
        switch (form)
        {
            case "sign-in": return (visitor, "/account/login", "main form", new() { ["Input.Email"] = "quelqu.un@example.test", ["Input.Password"] = "pas le bon" });
            case "sign-up": return (visitor, "/account/register", "main form", new() { ["Input.Email"] = "pas une adresse", ["Input.Password"] = "court" });
            case "forgotten password": return (visitor, "/account/forgot-password", "main form", empty);
            case "confirmation link again": return (visitor, "/account/confirm/resend", "main form", empty);
            case "new password from a link": return (visitor, "/account/reset-password?code=abc", "main form", empty);
            case "takedown request": return (visitor, "/takedown", "form.takedown", empty);
        }
        var member = await _app.Seed(A.Member().Named($"Membre {form} {run}"));
        var client = await _app.SignedInAs(member);
        var @case = await _app.Seed(A.Case().By(member).Titled($"Un cas pour les formulaires {form} {run}"));
        switch (form)
        {
            case "password": return (client, "/account/password", "main form", empty);
            case "e-mail": return (client, "/account/email", "main form", new() { ["Input.NewEmail"] = member.Email!, ["Input.Password"] = "pas le bon" });
            case "display name": return (client, "/account/display-name", "main form", new() { ["Input.DisplayName"] = "" });
            case "account deletion": return (client, "/account/delete", "main form", new() { ["Input.Password"] = "pas le bon" });
            case "two-factor set-up": return (client, "/account/two-factor", "main form.stacked", new() { ["Input.Code"] = "000000" });
            case "composer": return (client, "/cases/new", "form.composer", empty);
            case "reply": return (client, $"/cases/{@case.Id}/{@case.Slug}", "form.reply-form", new() { ["Reply.Body"] = "" });
            case "follow-up": return (client, $"/cases/{@case.Id}/follow-ups", "main form", empty);
            case "digest preferences": return (client, "/digests/preferences", "main form.stacked", new() { ["Input.Frequency"] = "Monthly" });
            case "reply edit":
                var reply = await _app.Seed(A.Reply().On(@case).By(member).Saying("Une réponse à modifier ensuite."));
                return (client, $"/cases/{@case.Id}/replies/{reply.Id}/edit", "main form.stacked", new() { ["Input.Body"] = "" });
            case "flag":
                var reader = await _app.SignedInAs(await _app.Seed(A.Member().Named($"Lectrice Signalante {run}")));
                return (reader, $"/flag/case/{@case.Id}", "main form", empty);
        }
        var staff = await _app.SignedInAs(await _app.Seed(A.Member().Named($"Équipe {form} {run}").WithRole(Roles.Moderator, Roles.Administrator)));
        switch (form)
        {
            case "suspension": return (staff, $"/moderation/members/{member.Id}", "form.suspend", new() { ["Input.Days"] = "0", ["Input.Reason"] = "" });
            case "moderator grant": return (staff, "/admin/moderators", "form.grant", new() { ["Email"] = "personne.inconnue@example.test" });
            case "digest pick": return (staff, "/admin/digests", "section[aria-labelledby=pick] form", new() { ["Pick.CaseId"] = "999999" });
            case "redaction": return (staff, $"/moderation/redact/case/{@case.Id}", "main form", new() { ["Input.Find"] = "un passage qui n’y est pas" });
            case "takedown answer":
                var takedown = await _app.InScopeAsync(async services =>
                {
                    var db = services.GetRequiredService<CommunityDbContext>();
                    var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    var (request, token) = TakedownRequest.Submit($"demandeur{run}@example.test", $"/cases/{@case.Id}", "Un passage",
                        TakedownKind.Removal, "Je suis reconnaissable.", "fr", now);
                    request.Confirm(token, now);
                    db.Add(request);
                    await db.SaveChangesAsync();
                    return request.Id;
                });
                return (staff, "/moderation", $"#takedown-{takedown} form.answer-takedown", new() { ["Answer.Message"] = "" });
            case "rejection from the queue":
                var held = await _app.Seed(A.Case().By(member).Titled("Un cas en attente de décision").Pending());
                return (staff, "/moderation", $"#item-case-{held.Id} form.reject", new() { ["Input.Reason"] = "" });
        }
        throw new ArgumentException(form);
    }
}
