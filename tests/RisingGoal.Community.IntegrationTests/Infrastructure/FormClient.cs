using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the site like a browser without JavaScript: GET a page, fill a form (antiforgery token included), POST it.
/// Redirects are not followed automatically so tests can assert them.
/// </summary>
public sealed class FormClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<IHtmlDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return Parser.ParseDocument(html);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>GETs <paramref name="pageUrl"/>, takes the form matching <paramref name="formSelector"/>, overrides fields and submits it.</summary>
    /// <param name="pressed">The submit button pressed (a selector in the form): its formaction, if any, is where the form goes.</param>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IDictionary<string, string> fields, string formSelector = "main form", string? submitName = null,
        string? submitValue = null, string? pressed = null) =>
        await SubmitAsync(await GetDocumentAsync(pageUrl), pageUrl, fields, formSelector, submitName, submitValue, pressed);

    /// <summary>Submits a form of a page already shown (at <paramref name="pageUrl"/>, the answer to a POST for instance), as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument document, string pageUrl, IDictionary<string, string> fields, string formSelector = "main form",
        string? submitName = null, string? submitValue = null, string? pressed = null)
    {
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
                    if (input.Type is "submit") continue;
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                        values.Add(new(select.Name!, option.Value));
                    break;
            }
        }
        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }
        if (submitName is not null)
            values.Add(new(submitName, submitValue ?? ""));
        var button = pressed is null ? null : form.QuerySelector(pressed) ?? throw new InvalidOperationException($"No button '{pressed}' in '{formSelector}' on {pageUrl}");
        // As a browser: the button's formaction, else the form's action, else the very address the page was shown at (query included).
        var target = new[] { button?.GetAttribute("formaction"), form.GetAttribute("action"), pageUrl }.First(t => !string.IsNullOrEmpty(t))!;
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))   // as a browser: fields in the query
            return await Http.GetAsync($"{target}?{await new FormUrlEncodedContent(values).ReadAsStringAsync()}");
        return await Http.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>POSTs raw fields with the antiforgery token taken from <paramref name="pageUrl"/> (for forms built by hand).</summary>
    public async Task<HttpResponseMessage> PostWithTokenAsync(string pageUrl, string target, IDictionary<string, string> fields)
    {
        var document = await GetDocumentAsync(pageUrl);
        var token = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Http.PostAsync(target, new FormUrlEncodedContent(values));
    }
}
