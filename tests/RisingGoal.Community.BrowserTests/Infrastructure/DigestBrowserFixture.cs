using Microsoft.Playwright;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>The digest journeys: the app with its workers off and the test sign-in door (<see cref="SignInDoor"/>).</summary>
public sealed class DigestBrowserFixture : BrowserFixture<DigestAppFactory>
{
    /// <summary>A fresh browser context signed in as the member with this e-mail (the real Identity cookie).</summary>
    public async Task<IPage> SignedInPageAsync(string email, string locale = "fr-FR")
    {
        var page = await NewPageAsync(locale);
        var response = await page.Context.APIRequest.PostAsync(SignInDoor.Path, new() { Form = page.Context.APIRequest.CreateFormData().Set("email", email) });
        Assert.Equal(204, response.Status);
        return page;
    }
}
