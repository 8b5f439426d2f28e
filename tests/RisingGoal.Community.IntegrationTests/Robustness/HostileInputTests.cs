using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// Inputs a hostile or clumsy member sends where a member would send them (the real pages): each is answered at the
/// field or with a clear status page, never a 500, and nothing costly runs before the lengths are checked.
/// </summary>
public sealed class HostileInputTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    public static TheoryData<string, string> Unformattable => new()
    {
        { "deep quotes", string.Concat(Enumerable.Repeat("> ", 10_000)) + "deep" },
        { "deep list markers", string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep" },
        { "brackets", new string('[', 15_000) + "x" },
        { "emphasis run", new string('*', 10_000) + "x" + new string('*', 10_000) },
        { "unclosed links", string.Concat(Enumerable.Repeat("[a](", 5_000)) },
        { "unclosed link titles", string.Concat(Enumerable.Repeat("[a](b \"", 3_000)) },
        { "backticks", string.Concat(Enumerable.Repeat("` `` ", 3_000)) },
        { "strike-through run", string.Concat(Enumerable.Repeat("~~a", 5_000)) },
    };

    private const string BodyMessage = "Ce texte ne peut pas être mis en forme";

    private Task<Dictionary<string, string>> CaseFieldsAsync(string body) => ComposedCase.FieldsAsync(factory, "Un cas qui ne se formate pas", body);

    private async Task<FormClient> SignedInAsync(string name) =>
        await factory.SignedInAs(await factory.Seed(A.Member().Named(name)));

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 400)]}");
        return FormClient.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";
    }

    [Theory]
    [MemberData(nameof(Unformattable))]
    public async Task Markdown_past_the_parser_limits_is_answered_at_the_field_on_every_page(string name, string body)
    {
        var member = await factory.Seed(A.Member().Named("Hostile " + name));
        var client = await factory.SignedInAs(member);
        var @case = await factory.Seed(A.Case().By(member).Composed());

        var created = await client.SubmitAsync("/cases/new", await CaseFieldsAsync(body));
        Assert.Contains(BodyMessage, await FieldErrorAsync(created, "Input.Body"));

        var preview = await client.SubmitAsync("/cases/new", await CaseFieldsAsync(body), pressed: WritingCaseTests.PreviewButton);
        Assert.Contains(BodyMessage, await FieldErrorAsync(preview, "Input.Body"));

        var script = await client.PostWithTokenAsync("/cases/new", "/cases/preview", new Dictionary<string, string> { ["Input.Body"] = body });
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains(BodyMessage, await script.Content.ReadAsStringAsync());

        var edited = await client.SubmitAsync($"/cases/{@case.Id}/edit", new Dictionary<string, string> { ["Input.Body"] = body });
        Assert.Contains(BodyMessage, await FieldErrorAsync(edited, "Input.Body"));

        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var reply = await client.SubmitAsync(url, new Dictionary<string, string> { ["Reply.Body"] = body[..Math.Min(body.Length, CaseLimits.ReplyMax)] }, "form.reply-form");
        Assert.Contains(BodyMessage, await FieldErrorAsync(reply, "Reply.Body"));

        Assert.Equal(0, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id)));
        Assert.Equal(1, await factory.Query(db => db.Set<Case>().CountAsync(c => c.AuthorId == member.Id)));
    }

    [Fact]
    public async Task A_five_megabyte_form_post_gets_the_413_page_not_a_500()
    {
        var client = await SignedInAsync("Heavy poster");
        var fields = await CaseFieldsAsync(new string('a', 5 * 1024 * 1024));

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = FormClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Envoi trop volumineux", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_five_megabyte_form_post_without_a_declared_length_gets_413_not_a_500()
    {
        var client = await SignedInAsync("Chunked poster");
        var page = await client.GetDocumentAsync("/cases/new");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Title=x&Input.Body=" + new string('a', 5 * 1024 * 1024);
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(form)));   // no Content-Length: sent chunked
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        content.Headers.ContentLength = null;

        var response = await client.Http.PostAsync("/cases/new", content);

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 3000)]}");
        Assert.Contains("Envoi trop volumineux", html);
    }

    [Fact]
    public async Task The_largest_legitimate_case_form_is_accepted()
    {
        var client = await SignedInAsync("Long writer");
        // Every field at its limit, in characters that take the most bytes once percent-encoded.
        var fields = await CaseFieldsAsync(string.Concat(Enumerable.Repeat("l’été ", CaseLimits.BodyMax / 6)));
        fields["Input.Outcome"] = new string('’', CaseLimits.OutcomeMax);
        fields["Input.OpenQuestion"] = new string('’', CaseLimits.OpenQuestionMax);
        fields["Input.Summary"] = new string('’', CaseLimits.SummaryMax);

        var response = await client.SubmitAsync("/cases/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Text_over_its_length_is_refused_at_the_field_before_any_rendering_or_privacy_check()
    {
        var client = await SignedInAsync("Too long");
        var body = string.Concat(Enumerable.Repeat("> ", 30_000));   // over BodyMax and too deep: the length speaks first

        var response = await client.SubmitAsync("/cases/new", await CaseFieldsAsync(body));

        var message = await FieldErrorAsync(response, "Input.Body");
        Assert.Contains("40000", message.Replace("\u202f", "").Replace("\u00a0", "").Replace(" ", ""));
        Assert.DoesNotContain(BodyMessage, message);
        var script = await client.PostWithTokenAsync("/cases/new", "/cases/preview", new Dictionary<string, string> { ["Input.Body"] = body });
        Assert.Contains("Le texte est trop long pour être prévisualisé.", await script.Content.ReadAsStringAsync());
    }
}
