using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>
/// "Share a case" while signed out keeps the intent (issue 15, item 5): the login page explains what happens, sign-up
/// carries the way back, the e-mail's link confirms, signs in once and returns to the composer; only to a local URL.
/// </summary>
public sealed class OnboardingTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    private static Dictionary<string, string> SignUp(string email, string name, bool digest = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = name,
            ["Input.Password"] = AccountSteps.Password, ["Input.ConfirmPassword"] = AccountSteps.Password,
        };
        if (digest) fields["Input.WeeklyDigest"] = "true";
        return fields;
    }

    [Fact]
    public async Task Share_a_case_signed_out_explains_signs_up_and_the_confirmation_link_lands_signed_in_in_the_composer()
    {
        var client = factory.CreateFormClient("fr");
        var composer = await client.Http.GetAsync("/cases/new");
        Assert.Equal(HttpStatusCode.Redirect, composer.StatusCode);
        var login = composer.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/account/login", login);

        var page = await client.GetDocumentAsync(login);
        var intent = page.QuerySelector(".composer-intent")!.TextContent;
        Assert.Contains("créez un compte", intent);
        Assert.Contains("relit votre premier cas", intent);
        Assert.Contains("pseudonyme", intent);
        var register = page.QuerySelector("main a[href^='/account/register']")!.GetAttribute("href")!;
        Assert.Equal("/account/register?returnUrl=%2Fcases%2Fnew", register);

        var form = await client.GetDocumentAsync(register);
        Assert.NotNull(form.QuerySelector("main a[href='/pages/guidelines']"));
        Assert.Contains("relues par un modérateur", form.QuerySelector("main")!.TextContent);
        Assert.Null(form.QuerySelector("input[name='Input.WeeklyDigest'][checked]"));   // offered, off by default

        var signedUp = await client.SubmitAsync(register, SignUp("intent@example.org", "Intention Gardée"));
        Assert.Equal(HttpStatusCode.Redirect, signedUp.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fcases%2Fnew", signedUp.Headers.Location?.OriginalString);
        Assert.False(await HasDigestAsync("intent@example.org"));

        var mail = Assert.Single(factory.Mail.To("intent@example.org"));
        var link = new Uri(MailFolder.LinkIn(mail, "/account/confirm?"));
        Assert.Equal("/cases/new", QueryHelpers.ParseQuery(link.Query)["returnUrl"].ToString());

        // Another device (no cookie of the sign-up): the link signs in and returns to the composer.
        var phone = factory.CreateFormClient("fr");
        var confirmed = await phone.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/cases/new", confirmed.Headers.Location?.OriginalString);
        Assert.NotNull((await phone.GetDocumentAsync("/cases/new")).QuerySelector("main form.composer"));

        // Single use: opened again elsewhere, it signs no one in.
        var again = factory.CreateFormClient("fr");
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync(link.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/cases/new")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/cases/new")]
    [InlineData("//evil.example/cases/new")]
    [InlineData("/\\evil.example")]
    public async Task A_return_address_off_the_site_is_never_followed(string returnUrl)
    {
        var email = $"away{Guid.NewGuid():N}@example.org";
        var client = factory.CreateFormClient("fr");
        var signedUp = await client.SubmitAsync("/account/register?returnUrl=" + Uri.EscapeDataString(returnUrl), SignUp(email, "Loin " + email[4..12]));
        Assert.Equal("/account/login", signedUp.Headers.Location?.OriginalString);   // no return address carried
        var link = new Uri(MailFolder.LinkIn(Assert.Single(factory.Mail.To(email)), "/account/confirm?"));
        Assert.False(QueryHelpers.ParseQuery(link.Query).ContainsKey("returnUrl"));

        // A link edited by hand to add it: the member lands on their account page, on this site.
        var forged = await client.Http.GetAsync(link.PathAndQuery + "&returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal("/account", forged.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_weekly_digest_ticked_at_sign_up_is_on_for_every_tag()
    {
        var client = factory.CreateFormClient("fr");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/account/register", SignUp("digest-signup@example.org", "Digest Dès Le Début", digest: true))).StatusCode);
        Assert.True(await HasDigestAsync("digest-signup@example.org"));
    }

    private Task<bool> HasDigestAsync(string email) => factory.Query(db =>
        db.Set<DigestPreference>().AnyAsync(p => p.Frequency == DigestFrequency.Weekly && p.FollowedTags.Count == 0
            && db.Set<RisingGoal.Community.Features.Accounts.Member>().Any(m => m.Id == p.MemberId && m.NormalizedEmail == email.ToUpperInvariant())));
}
