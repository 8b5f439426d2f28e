using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Moderation;

/// <summary>Pseudonymity with escrow (issue 4, item 8) and the age of queue items (item 10).</summary>
public sealed class EscrowAndAgeTests : IClassFixture<CommunityAppFactory>
{
    private readonly CommunityAppFactory _factory;

    public EscrowAndAgeTests(CommunityAppFactory factory) => _factory = factory;

    [Fact]
    public async Task The_queue_hides_the_member_behind_a_pseudonym_until_a_moderator_gives_a_reason()
    {
        var author = await _factory.Seed(A.Member().Named("Bérénice Cachée"));
        var moderator = await _factory.Seed(A.Member().Named("Modo Escrow").WithRole(Roles.Moderator));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Coach du Nord").Pending());
        var client = await _factory.SignedInAs(moderator);

        var queue = await client.Http.GetStringAsync("/moderation");
        Assert.Contains("Coach du Nord", queue);
        Assert.DoesNotContain("Bérénice Cachée", queue);
        Assert.DoesNotContain(author.Id, queue);
        Assert.DoesNotContain(author.Email!, queue);

        var refused = await client.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.RevealReason"] = " " },
            $"#item-case-{@case.Id} form.reveal");
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Indiquez pourquoi vous avez besoin de savoir qui a écrit ce cas.", refusedHtml);
        Assert.DoesNotContain("Bérénice Cachée", refusedHtml);
        Assert.False(await _factory.Query(db => db.Set<ModerationLogEntry>().AnyAsync(e => e.Action == ModerationAction.RevealIdentity)));

        var revealed = await client.SubmitAsync("/moderation", new Dictionary<string, string> { ["Input.RevealReason"] = "Menace de poursuites : contact requis" },
            $"#item-case-{@case.Id} form.reveal");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains("Bérénice Cachée", await revealed.Content.ReadAsStringAsync());
        var entry = await _factory.Query(db => db.Set<ModerationLogEntry>().SingleAsync(e => e.Action == ModerationAction.RevealIdentity));
        Assert.Equal(@case.Id, entry.CaseId);
        Assert.Equal("Menace de poursuites : contact requis", entry.PrivateNote);
        Assert.Equal("Modo Escrow", entry.ModeratorName);

        // Only that response showed it: the queue is back to the pseudonym alone.
        Assert.DoesNotContain("Bérénice Cachée", await client.Http.GetStringAsync("/moderation"));
    }

    [Fact]
    public async Task The_public_log_shows_a_reveal_without_the_identity_or_the_reason()
    {
        var author = await _factory.Seed(A.Member().Named("Auteur Secret"));
        var moderator = await _factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Cas public sous pseudonyme").UnderPseudonym("Une DRH"));
        var client = await _factory.SignedInAs(moderator, "en");

        var response = await client.PostWithTokenAsync("/moderation", "/moderation/reveals", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = @case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.RevealReason"] = "Raison très privée",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var log = await _factory.CreateFormClient("en").Http.GetStringAsync("/moderation/log");
        Assert.Contains("identity revealed to a moderator", log);
        Assert.Contains("Cas public sous pseudonyme", log);
        Assert.DoesNotContain("Auteur Secret", log);
        Assert.DoesNotContain(author.Id, log);
        Assert.DoesNotContain("Raison très privée", log);
    }

    [Fact]
    public async Task Revealing_is_limited_per_moderator_so_a_stolen_account_cannot_unmask_authors_in_bulk()
    {
        await using var app = new CommunityAppFactory();
        app.With($"RateLimits:{RisingGoal.Community.Infrastructure.Web.RateLimits.Reveal}", "1");
        var moderator = await app.Seed(A.Member().WithRole(Roles.Moderator));
        var cases = new[] { "Premier", "Second" }.Select(async title =>
            await app.Seed(A.Case().By(await app.Seed(A.Member().Named($"Auteur {title}"))).Titled($"Cas {title}").UnderPseudonym($"Pseudo {title}").Pending()));
        var (first, second) = (await cases.First(), await cases.Last());
        var client = await app.SignedInAs(moderator, "en");
        Task<HttpResponseMessage> RevealAsync(int caseId) => client.PostWithTokenAsync("/moderation", "/moderation/reveals", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Case", ["Input.Id"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.RevealReason"] = "Demande légale",
        });

        Assert.Contains("Auteur Premier", await (await RevealAsync(first.Id)).Content.ReadAsStringAsync());
        var refused = await RevealAsync(second.Id);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.DoesNotContain("Auteur Second", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.Query(db => db.Set<ModerationLogEntry>().CountAsync(e => e.Action == ModerationAction.RevealIdentity)));
    }

    [Fact]
    public async Task Revealing_is_for_staff_only()
    {
        var member = await _factory.Seed(A.Member());
        var anonymous = await _factory.CreateFormClient().Http.PostAsync("/moderation/reveals",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Id"] = "1", ["Input.RevealReason"] = "x" }));
        var asMember = await (await _factory.SignedInAs(member)).Http.PostAsync("/moderation/reveals",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Id"] = "1", ["Input.RevealReason"] = "x" }));

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
    }

    [Fact]
    public async Task Each_queue_item_shows_how_long_it_has_waited()
    {
        var author = await _factory.Seed(A.Member());
        var moderator = await _factory.Seed(A.Member().WithRole(Roles.Moderator));
        var @case = await _factory.Seed(A.Case().By(author).Titled("Cas qui attend").Pending());
        _factory.Clock.Advance(TimeSpan.FromHours(3));

        var fr = FormClient.Parse(await (await _factory.SignedInAs(moderator, "fr")).Http.GetStringAsync("/moderation"));
        var en = FormClient.Parse(await (await _factory.SignedInAs(moderator, "en")).Http.GetStringAsync("/moderation"));

        Assert.Contains("en attente depuis", fr.QuerySelector($"#item-case-{@case.Id} .queue-age")!.TextContent);
        Assert.Matches(@"waiting for \d+ h", en.QuerySelector($"#item-case-{@case.Id} .queue-age")!.TextContent);
    }
}
