using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The one way tests sign in: <c>var client = await app.SignedInAs(member)</c> gives a cookie-keeping, non-redirecting
/// client carrying the real Identity cookie (through <see cref="SignInDoor"/>), as after a two-factor sign-in unless
/// <c>secondFactor: false</c>. Roles are read from the database on each request, as in production.
/// </summary>
public static class SignIn
{
    /// <param name="followRedirects">For tests that read pages as a browser lands on them (a case's short address, for instance).</param>
    public static async Task<FormClient> SignedInAs(this WebApplicationFactory<Program> app, Member member, string language = "fr", bool secondFactor = true,
        bool followRedirects = false)
    {
        var client = app.CreateFormClient(language, followRedirects);
        await client.SignInAsync(member, secondFactor);
        return client;
    }

    /// <summary>A new member, made by <paramref name="member"/>, and a client signed in as them.</summary>
    public static async Task<(FormClient Client, Member Member)> SignedInAs(this WebApplicationFactory<Program> app, MemberBuilder member, string language = "fr")
    {
        var created = await app.Seed(member);
        return (await app.SignedInAs(created, language), created);
    }

    /// <summary>Signs an existing client in (or in as someone else).</summary>
    public static async Task SignInAsync(this FormClient client, Member member, bool secondFactor = true)
    {
        var response = await client.Http.PostAsync(SignInDoor.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = member.Email!, ["secondFactor"] = secondFactor ? "true" : "false",
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
            throw new InvalidOperationException($"Test sign-in answered {(int)response.StatusCode}");
    }

    /// <summary>Erases the signed-in member's account through <c>/account/delete</c> (their password typed), as a member does.</summary>
    public static async Task EraseAccountAsync(this FormClient client)
    {
        var response = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Account deletion answered {(int)response.StatusCode}");
    }
}
