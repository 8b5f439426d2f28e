using Microsoft.Playwright;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.BrowserTests.Infrastructure;

/// <summary>The app over <see cref="MembersAppFactory"/>: a page can be signed in as any member through its test door.</summary>
public sealed class MembersBrowserFixture : BrowserFixture<MembersAppFactory>
{
    public Task SignInAsync(IPage page, Member member) => TestDoor.SignInAsync(page, member);
}

/// <summary>The sign-in door of <see cref="MembersAppFactory"/>, from a browser.</summary>
public static class TestDoor
{
    /// <summary>Signs the page's browser context in (shares its cookie jar with page.APIRequest).</summary>
    public static async Task SignInAsync(IPage page, Member member)
    {
        var response = await page.APIRequest.PostAsync(SignInDoor.Path, new() { Form = page.APIRequest.CreateFormData().Set("email", member.Email!) });
        if (response.Status != 204) throw new InvalidOperationException($"Test sign-in answered {response.Status}");
    }
}
