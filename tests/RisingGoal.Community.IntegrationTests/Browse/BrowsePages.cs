using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>Small readers of the browsing pages' HTML, shared by the Browse tests.</summary>
internal static class BrowsePages
{
    /// <summary>GETs a page that must answer 200: anonymously, or as the member a signed-in client carries.</summary>
    public static Task<IHtmlDocument> GetAsync(HttpClient client, string url) => ReadAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    private static async Task<IHtmlDocument> ReadAsync(HttpClient client, HttpRequestMessage request)
    {
        using var _ = request;
        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {request.RequestUri}: {(int)response.StatusCode} {html[..Math.Min(400, html.Length)]}");
        return FormClient.Parse(html);
    }

    public static List<string> Titles(IParentNode scope) =>
        scope.QuerySelectorAll(".case-row h3 a").Select(a => a.TextContent.Trim()).ToList();

    /// <summary>The count shown in the matrix cell of a drift and a tension.</summary>
    public static (int Count, string Shade) Cell(IHtmlDocument page, string drift, string tension)
    {
        var link = page.QuerySelectorAll("table.matrix td a")
            .Single(a => a.GetAttribute("href") is var href && (href == $"/cases?drift={drift}&tension={tension}"
                || href == $"/cases/new?drift={drift}&tension={tension}"));   // an empty cell invites to tell a case
        return (CellCount(link), link.ParentElement!.ClassName!);
    }

    /// <summary>The count a matrix link shows: its first text, a dash for an empty crossing (an invite to the composer).</summary>
    public static int CellCount(AngleSharp.Dom.IElement link) =>
        link.ChildNodes[0].TextContent.Trim() is var shown && shown == "—" ? 0 : int.Parse(shown);

    public static string? NextLink(IHtmlDocument page) => page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
}
