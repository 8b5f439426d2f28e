using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The case page as a member uses it: its address (with the slug the app gave the case) and its reply form, posted
/// through the real page so that trust, mentions, notifications and evictions happen as they do for a member.
/// </summary>
public static class CasePageSteps
{
    public static Task<string> SlugAsync(this WebApplicationFactory<Program> app, int caseId) =>
        app.Query(db => db.Set<Case>().Where(c => c.Id == caseId).Select(c => c.Slug).SingleAsync());

    public static async Task<string> CaseUrlAsync(this WebApplicationFactory<Program> app, int caseId) =>
        CaseUrls.Read(caseId, await app.SlugAsync(caseId));

    /// <summary>Posts a reply through the case page's form as the member <paramref name="client"/> carries; returns its id.</summary>
    public static async Task<int> ReplyOnPageAsync(this WebApplicationFactory<Program> app, FormClient client, int caseId, string body)
    {
        var response = await client.SubmitAsync(await app.CaseUrlAsync(caseId), new Dictionary<string, string> { ["Reply.Body"] = body }, "form.reply-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        const string anchor = "#reply-";   // the handler sends the member to their reply: .../slug?page=N#reply-{id}
        var location = response.Headers.Location!.ToString();
        return int.Parse(location[(location.LastIndexOf(anchor, StringComparison.Ordinal) + anchor.Length)..], CultureInfo.InvariantCulture);
    }

    /// <summary>The author's edit form, sent with a summary and a body long enough for the form's rules (other fields as the form has them).</summary>
    public static async Task EditOnPageAsync(this FormClient author, int caseId, params (string Key, string Value)[] fields)
    {
        var values = new Dictionary<string, string>
        {
            ["Input.Summary"] = "Un résumé assez long pour le formulaire de modification.",
            ["Input.Body"] = string.Concat(Enumerable.Repeat("Le programme tournait bien, les indicateurs étaient verts. ", 5)),
        };
        foreach (var (key, value) in fields) values[key] = value;
        var response = await author.SubmitAsync($"/cases/{caseId}/edit", values, "form.case-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"edit: {(int)response.StatusCode} " + string.Join(" | ",
            FormClient.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".field-validation-error, .validation-summary-errors li, [role=alert]").Select(e => e.TextContent.Trim())));
    }

    /// <summary>Whether a visitor's page came from the page cache (it carries an <c>Age</c> header).</summary>
    public static async Task<bool> FromPageCacheAsync(this HttpClient visitor, string url)
    {
        using var response = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Age is not null;
    }
}
