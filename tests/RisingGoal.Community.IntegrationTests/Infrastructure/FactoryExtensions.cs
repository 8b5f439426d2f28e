using Microsoft.AspNetCore.Mvc.Testing;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

public static class FactoryExtensions
{
    /// <summary>A cookie-keeping client that does not follow redirects, speaking the given language.</summary>
    public static FormClient CreateFormClient(this WebApplicationFactory<Program> factory, string language = "fr")
    {
        var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new FormClient(http);
    }
}
