using System.Net;
using AngleSharp.Html.Dom;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>The account journey's steps, driven through the real pages and the real mail folder.</summary>
public static class AccountSteps
{
    public const string Password = "correct horse 42 battery";

    public static Task<HttpResponseMessage> RegisterAsync(this FormClient client, string email, string displayName,
        string password = Password, string? confirm = null, string? culture = null, string? website = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        };
        if (culture is not null) fields["Input.PreferredCulture"] = culture;
        if (website is not null) fields["Input.Website"] = website;
        return client.SubmitAsync("/account/register", fields);
    }

    public static Task<HttpResponseMessage> LoginAsync(this FormClient client, string email, string password = Password, string page = "/account/login") =>
        client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Opens the link of the latest mail sent to <paramref name="email"/> whose URL contains <paramref name="fragment"/>.</summary>
    public static async Task<HttpResponseMessage> OpenMailLinkAsync(this FormClient client, CommunityAppFactory factory, string email, string fragment)
    {
        var mail = factory.Mail.To(email).Last(m => (m.TextBody ?? "").Contains(fragment));
        return await client.Http.GetAsync(MailFolder.LinkIn(mail, fragment));
    }

    /// <summary>Registers, confirms through the mail and logs in; returns the signed-in client.</summary>
    public static async Task<FormClient> SignedInMemberAsync(this CommunityAppFactory factory, string email, string displayName, string language = "fr")
    {
        var client = factory.CreateFormClient(language);
        Assert.Equal(HttpStatusCode.Redirect, (await client.RegisterAsync(email, displayName)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.OpenMailLinkAsync(factory, email, "/account/confirm?")).StatusCode);   // confirms and signs in
        var login = await client.LoginAsync(email);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, await login.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>The visible text of a page (entities decoded: Razor encodes non-ASCII letters such as "é").</summary>
    public static async Task<string> TextAsync(this FormClient client, string url) =>
        (await client.GetDocumentAsync(url)).Body?.TextContent ?? "";

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        (await response.HtmlAsync()).Body?.TextContent ?? "";

    public static async Task<IHtmlDocument> HtmlAsync(this HttpResponseMessage response) =>
        FormClient.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The validation message shown at a field (empty when none).</summary>
    public static string FieldError(this IHtmlDocument document, string field) =>
        document.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    /// <summary>The messages of the error summary (empty when none), without its heading.</summary>
    public static string Summary(this IHtmlDocument document) =>
        string.Join(" ", document.QuerySelectorAll("#error-summary li").Select(li => li.TextContent.Trim()));
}
