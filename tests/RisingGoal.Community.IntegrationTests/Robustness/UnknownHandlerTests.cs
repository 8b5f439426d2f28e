using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// Every page of the site, asked for something none of its handlers does — a POST without a handler (with a valid
/// antiforgery token), a GET naming a handler that does not exist — by a moderator, who can open the most pages. Such a
/// request once rendered the page with none of its data: a 500 on the case page. The answer is a 404 or 405 page.
/// </summary>
public sealed partial class UnknownHandlerTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task A_request_no_handler_answers_gets_a_clear_status_on_every_page_never_a_server_error()
    {
        factory.With("Caching:Enabled", "true");
        var moderator = await factory.Seed(A.Member().Named("Modératrice des gestionnaires").WithRole("Moderator"));
        var @case = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Autrice des gestionnaires"))).Composed());
        var client = await factory.SignedInAs(moderator);
        var token = (await client.GetDocumentAsync(CaseUrls.Read(@case.Id, @case.Slug)))
            .QuerySelector("form.reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var templates = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => e.RoutePattern.RawText ?? "").Distinct()
            // Logout's POST has no handler name (it would sign the moderator out); the error page answers the status it is
            // asked for, 500 when none.
            .Where(t => t is not ("account/logout" or "error/{code:int?}")).ToList();
        Assert.Contains(templates, t => t.StartsWith("cases/{id", StringComparison.Ordinal));
        var failures = new List<string>();
        foreach (var template in templates)
        {
            var path = "/" + Parameter().Replace(template, m => m.Groups["name"].Value switch
            {
                "id" or "caseId" => @case.Id.ToString(),
                "slug" => @case.Slug,
                _ when m.Value.Contains('?') => "",
                _ => "x",
            }).TrimEnd('/');
            var get = await client.Http.GetAsync(path + "?handler=nothing-here");
            if ((int)get.StatusCode >= 500) failures.Add($"GET {path}?handler=… → {(int)get.StatusCode}");
            var post = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            if ((int)post.StatusCode >= 500) failures.Add($"POST {path} → {(int)post.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));

        var refused = await client.Http.PostAsync(CaseUrls.Read(@case.Id, @case.Slug), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Contains("Action impossible ici", await refused.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}?]*)?\??\}")]
    private static partial Regex Parameter();
}
