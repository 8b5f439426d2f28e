using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy;

/// <summary>
/// Pages that show text a moderator may remove (the redaction form, revisions, the edit form) or mail details (the
/// outbox, a digest preview) are sent no-store: no browser or proxy keeps a copy of what is removed later.
/// </summary>
public sealed class NoStorePagesTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Pages_showing_removable_text_or_mail_details_are_sent_no_store()
    {
        var author = await factory.Seed(A.Member());
        var @case = await factory.Seed(A.Case().By(author));
        var admin = await factory.SignedInAs(await factory.Seed(A.Member().WithRole(Roles.Administrator, Roles.Moderator)));
        var writer = await factory.SignedInAs(author);

        foreach (var (client, url) in new[]
        {
            (writer, $"/cases/{@case.Id}/edit"), (writer, $"/cases/{@case.Id}/revisions"),
            (admin, $"/moderation/redact/case/{@case.Id}"), (admin, "/admin/outbox"), (admin, $"/admin/digests/preview?memberId={author.Id}"),
        })
        {
            var response = await client.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
    }
}
