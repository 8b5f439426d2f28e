using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

public static class FactoryExtensions
{
    /// <summary>A cookie-keeping client that does not follow redirects, speaking the given language.</summary>
    public static FormClient CreateFormClient(this WebApplicationFactory<Program> factory, string language = "fr", bool followRedirects = false)
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new FormClient(http);
    }

    /// <summary>Calls the app's own services in a scope of their own, as a request or a worker would (data to check: <c>app.Query</c>).</summary>
    public static async Task<T> InScopeAsync<T>(this WebApplicationFactory<Program> app, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static async Task InScopeAsync(this WebApplicationFactory<Program> app, Func<IServiceProvider, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    /// <summary>
    /// <c>/healthz?detail</c> as a request from <paramref name="remote"/> (default: the machine itself, as an operator's
    /// curl; TestServer connections have no address), with the given request headers.
    /// </summary>
    public static async Task<string> HealthDetailAsync(this WebApplicationFactory<Program> app, IPAddress? remote = null,
        params (string Name, string Value)[] headers)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/healthz";
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?detail");
            c.Connection.RemoteIpAddress = remote ?? IPAddress.Loopback;
            foreach (var (name, value) in headers) c.Request.Headers[name] = value;
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
