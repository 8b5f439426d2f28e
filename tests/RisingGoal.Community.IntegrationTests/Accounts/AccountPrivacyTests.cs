using System.Net;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>Issue 13, item 7: personal data is never cached, and mail headers name the public host, not the machine.</summary>
public sealed class AccountPrivacyTests(MailAbuseAppFactory factory) : IClassFixture<MailAbuseAppFactory>
{
    [Theory]
    [InlineData("/account/export")]
    [InlineData("/account")]
    [InlineData("/account/email")]
    [InlineData("/account/two-factor")]
    public async Task Account_pages_and_the_data_export_are_sent_no_store(string url)
    {
        var member = await factory.Seed(A.Member());
        var response = await (await factory.SignedInAs(member)).Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task The_moderation_queue_where_identities_are_revealed_is_sent_no_store()
    {
        var moderator = await factory.Seed(A.Member().WithRole(Features.Accounts.Roles.Moderator));
        var response = await (await factory.SignedInAs(moderator)).Http.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Message_id_names_the_public_host_not_the_machine()
    {
        var member = await factory.Seed(A.Member());
        await factory.CreateFormClient().SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = member.Email! });

        var mail = Assert.Single((await factory.MailToAsync(member.Email!)));
        Assert.EndsWith("@" + MailAbuseAppFactory.PublicHost, mail.MessageId);
        // The domain part, where MimeKit would put the machine's name: the random left part may spell a short host
        // name by chance (here "vm" appeared inside "…GOVMJO…").
        Assert.DoesNotContain(Environment.MachineName, mail.MessageId![(mail.MessageId!.LastIndexOf('@') + 1)..], StringComparison.OrdinalIgnoreCase);
    }
}
