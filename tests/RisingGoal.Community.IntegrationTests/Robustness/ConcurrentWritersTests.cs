using System.Net;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Infrastructure.Mail.Outbox;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// The load that once gave 3 replies in 885 a 500: 32 members replying at once on one SQLite file, most of them
/// following the case, so every reply also fights for the same notification slots. No 5xx, every reply counted, and
/// every reply named in exactly one notification to the author and to each follower (none lost by a racing batch).
/// </summary>
public sealed class ConcurrentWritersTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    private const int Writers = 32;

    [Fact]
    public async Task Thirty_two_members_replying_at_once_all_get_their_reply_saved_and_none_gets_a_server_error()
    {
        var @case = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Autrice du fil"))).Composed());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var posts = new List<(FormClient Client, string Action, string Token)>();
        var writers = new List<string>();
        var followers = new List<string>();
        for (var i = 0; i < Writers; i++)
        {
            var writer = await factory.Seed(A.Member().Named($"Concurrent{i}"));
            writers.Add(writer.Id);
            var client = await factory.SignedInAs(writer);
            if (i % 2 == 0) followers.Add(writer.Id);
            if (i % 2 == 0)
                await client.PostWithTokenAsync(url, $"/cases/{@case.Id}/reactions?handler=Follow", new Dictionary<string, string> { ["on"] = "true" });
            var form = (await client.GetDocumentAsync(url)).QuerySelector("form.reply-form")!;
            posts.Add((client, form.GetAttribute("action") is { Length: > 0 } action ? action : url,
                form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        }

        var responses = await Task.WhenAll(posts.Select((p, n) => p.Client.Http.PostAsync(p.Action,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Reply.Body"] = $"Réponse concurrente {n}.", ["__RequestVerificationToken"] = p.Token }))));

        var failures = new List<string>();
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
            failures.Add($"{(int)response.StatusCode}: {(await response.Content.ReadAsStringAsync())[..200]}");
        Assert.Empty(failures);
        var (count, rows) = await factory.Query(async db => (
            await db.Set<Case>().Where(c => c.Id == @case.Id).Select(c => c.ReplyCount).SingleAsync(),
            await db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id && r.Status == ReplyStatus.Published)));
        Assert.Equal((Writers, Writers), (rows, count));

        var replies = await factory.Query(db => db.Set<Reply>().Where(r => r.CaseId == @case.Id).Select(r => new { r.Id, r.AuthorId }).ToListAsync());
        var messages = await factory.Query(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Kind == OutboxKind.Notification).Select(m => new { m.MemberId, m.Mime }).ToListAsync());
        foreach (var recipient in followers.Append(@case.AuthorId))
        {
            var named = messages.Where(m => m.MemberId == recipient).SelectMany(m => Covered(m.Mime)).ToList();
            var expected = replies.Where(r => r.AuthorId != recipient).Select(r => r.Id).Order().ToList();
            Assert.Equal(expected, named.Order().ToList());   // each reply once: none lost, none twice
        }
    }

    private static IEnumerable<int> Covered(byte[] mime)
    {
        using var stream = new MemoryStream(mime);
        return (MimeKit.HeaderList.Load(stream)[ReplyNotifier.RepliesHeader] ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
    }
}
