using System.Collections.Concurrent;
using System.Net;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// The load of the original report, as a browser does it: 32 members, each replying again and again on one case and
/// following each redirect (which reads the page and moves their unread mark), some also following the case and
/// opening their notifications. Counted in rounds, not seconds. Any 5xx fails with its page. (The one 500 this load
/// found came from a POST without the reply handler, which rendered the page with no data: see UnknownHandlerTests.)
/// </summary>
public sealed class SustainedWritersTests
{
    private const int Writers = 32;
    private const int Rounds = 8;

    /// <summary>With the real trust policy: new members' first replies wait in the queue, later ones publish, members become trusted midway.</summary>
    [Fact]
    public async Task Members_replying_again_and_again_never_get_a_server_error()
    {
        await using var factory = new HoldingMembersAppFactory();
        factory.With("Caching:Enabled", "true");
        var @case = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Autrice du fil"))).Composed());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var replyAction = url + "?handler=Reply";
        var clients = new List<(FormClient Client, string Token)>();
        for (var i = 0; i < Writers; i++)
        {
            var client = await factory.SignedInAs(await factory.Seed(A.Member().Named($"Soutenu{i}")));
            var token = (await client.GetDocumentAsync(url)).QuerySelector("form.reply-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            clients.Add((client, token));
        }

        var failures = new ConcurrentBag<string>();
        async Task Check(HttpResponseMessage response, string what)
        {
            if ((int)response.StatusCode >= 500)
                failures.Add($"{what} → {(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync())[..3000]}");
        }
        await Task.WhenAll(clients.Select((c, n) => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var posted = await c.Client.Http.PostAsync(replyAction, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Reply.Body"] = $"Réponse {n}-{round}.", ["__RequestVerificationToken"] = c.Token,
                }));
                await Check(posted, $"reply {n}-{round}");
                if (posted.StatusCode == HttpStatusCode.Redirect)
                    await Check(await c.Client.Http.GetAsync(posted.Headers.Location!.OriginalString.Split('#')[0]), $"read {n}-{round}");
                if (round % 3 == n % 3)
                    await Check(await c.Client.Http.PostAsync($"/cases/{@case.Id}/reactions?handler=Follow", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["on"] = round % 2 == 0 ? "true" : "false", ["__RequestVerificationToken"] = c.Token,
                    })), $"follow {n}-{round}");
                if (round % 4 == n % 4)
                    await Check(await c.Client.Http.GetAsync("/notifications"), $"notifications {n}-{round}");
            }
        })));
        Assert.True(failures.IsEmpty, failures.FirstOrDefault());
    }
}
