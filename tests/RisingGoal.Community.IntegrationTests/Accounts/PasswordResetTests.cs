using System.Net;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

public sealed class PasswordResetTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private const string NewPassword = "a brand new passphrase 7";

    [Fact]
    public async Task Forgot_then_reset_through_the_mailed_link_changes_the_password()
    {
        await factory.SignedInMemberAsync("forgetful@example.org", "Forgetful", "en");
        var client = factory.CreateFormClient("en");

        var known = await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "forgetful@example.org" });
        var unknown = await client.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "stranger@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Empty(factory.Mail.To("stranger@example.org"));

        var mail = factory.Mail.To("forgetful@example.org").Last();
        Assert.Equal("Reset your Rising Goal Community password", mail.Subject);
        var link = MailFolder.LinkIn(mail, "/account/reset-password?code=");
        var resetPath = new Uri(link).PathAndQuery;

        var mismatch = await client.SubmitAsync(resetPath, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org", ["Input.Password"] = "tooshort", ["Input.ConfirmPassword"] = "tooshort",
        });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("at least 10 characters", (await mismatch.HtmlAsync()).FieldError("Input.Password"));

        var reset = await client.SubmitAsync(resetPath, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org", ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateFormClient().LoginAsync("forgetful@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateFormClient().LoginAsync("forgetful@example.org", NewPassword)).StatusCode);

        // A reset link works once.
        var again = await client.SubmitAsync(resetPath, new Dictionary<string, string>
        {
            ["Input.Email"] = "forgetful@example.org", ["Input.Password"] = "yet another one 99", ["Input.ConfirmPassword"] = "yet another one 99",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("invalid or has expired", (await again.HtmlAsync()).Summary());
    }

    [Fact]
    public async Task Reset_page_without_a_code_is_not_found()
    {
        var response = await factory.CreateFormClient().Http.GetAsync("/account/reset-password");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
