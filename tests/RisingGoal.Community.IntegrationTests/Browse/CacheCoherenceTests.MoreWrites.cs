using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Browse;

/// <summary>The other write paths, each checked on the cached pages that show what it changed, right after it returns.</summary>
public sealed partial class CacheCoherenceTests
{
    private static async Task<int> VersionAsync(CommunityAppFactory app, TargetKind kind, int id) =>
        await app.Query(db => kind == TargetKind.Case
            ? db.Set<Case>().Where(c => c.Id == id).Select(c => c.Version).SingleAsync()
            : db.Set<Reply>().Where(r => r.Id == id).Select(r => r.Version).SingleAsync());

    private static async Task ModerateAsync(CommunityAppFactory app, World w, string handler, TargetKind kind, int id,
        params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = kind.ToString(), ["Input.Id"] = id.ToString(), ["Input.Version"] = (await VersionAsync(app, kind, id)).ToString(),
        };
        foreach (var (key, value) in extra) fields[key] = value;
        var response = await (await app.SignedInAs(w.Moderator)).PostWithTokenAsync("/moderation", $"/moderation?handler={handler}", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Locking_a_case_shows_at_once_on_its_cached_page_for_visitors_and_members()
    {
        var app = App();
        var w = await WorldAsync(app, "Cas verrouillable " + Guid.NewGuid().ToString("N")[..6]);
        var client = app.CreateClient(NoCookies);
        Assert.DoesNotContain("verrouillé", await GetAsync(client, w.HiddenUrl));
        Assert.DoesNotContain("verrouillé", await GetAsync(w.AsReader, w.HiddenUrl));
        Assert.Contains("handler=Reply", await GetAsync(w.AsReader, w.HiddenUrl));

        await ModerateAsync(app, w, "Lock", TargetKind.Case, w.Hidden);

        Assert.Contains("verrouillé", await GetAsync(client, w.HiddenUrl));
        var member = await GetAsync(w.AsReader, w.HiddenUrl);
        Assert.Contains("verrouillé", member);
        Assert.DoesNotContain("handler=Reply", member);   // the reply box is gone too
    }

    [Fact]
    public async Task A_resonance_counts_at_once_on_the_cached_case_page_and_lists()
    {
        var app = App();
        var w = await WorldAsync(app, "Cas résonnant " + Guid.NewGuid().ToString("N")[..6]);
        var client = app.CreateClient(NoCookies);
        const string none = "<span class=\"resonance-count\">0</span>", one = "<span class=\"resonance-count\">1</span>";
        Assert.Contains(none, await GetAsync(client, w.HiddenUrl));
        Assert.Contains(none, await GetAsync(w.AsReplier, w.HiddenUrl));

        var reader = await app.SignedInAs(w.Reader);
        var response = await reader.PostWithTokenAsync(w.HiddenUrl, $"/cases/{w.Hidden}/reactions?handler=Resonate&on=true", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Contains(one, await GetAsync(client, w.HiddenUrl));
        Assert.Contains(one, await GetAsync(w.AsReplier, w.HiddenUrl));
        var mine = await GetAsync(w.AsReader, w.HiddenUrl);
        Assert.Contains(one, mine);
        Assert.Contains("aria-pressed=\"true\"", mine);   // the member's own mark, on a page shared with other members
    }

    [Fact]
    public async Task A_held_reply_shows_at_once_when_approved_and_a_rejected_one_leaves_its_authors_view_at_once()
    {
        var app = App();
        var w = await WorldAsync(app, "Cas discuté " + Guid.NewGuid().ToString("N")[..6]);
        var client = app.CreateClient(NoCookies);
        var profile = "/members/" + Uri.EscapeDataString(w.Reader.DisplayName);
        var reader = await app.SignedInAs(w.Reader);
        foreach (var text in new[] { "Une réponse ornithologique retenue.", "Une réponse volcanique refusée." })
            Assert.Equal(HttpStatusCode.Redirect, (await reader.PostWithTokenAsync(w.HiddenUrl, $"{w.HiddenUrl}?handler=Reply",
                new Dictionary<string, string> { ["Reply.Body"] = text })).StatusCode);
        var held = await app.Query(db => db.Set<Reply>().Where(r => r.CaseId == w.Hidden && r.AuthorId == w.Reader.Id)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(2, held.Count);
        // Held: the author sees both as awaiting review; nobody else sees either. Every page read here is now cached.
        Assert.Contains("volcanique", await GetAsync(w.AsReader, w.HiddenUrl));
        Assert.DoesNotContain("ornithologique", await GetAsync(client, w.HiddenUrl));
        Assert.DoesNotContain("ornithologique", await GetAsync(w.AsReplier, w.HiddenUrl));
        Assert.DoesNotContain("ornithologique", await GetAsync(client, profile));

        await ModerateAsync(app, w, "Approve", TargetKind.Reply, held[0]);
        await ModerateAsync(app, w, "Reject", TargetKind.Reply, held[1], ("Input.Reason", nameof(RejectReason.Spam)));

        Assert.Contains("ornithologique", await GetAsync(client, w.HiddenUrl));
        Assert.Contains("ornithologique", await GetAsync(w.AsReplier, w.HiddenUrl));
        Assert.Contains(CaseUrls.Reply(w.Hidden, held[0]), await GetAsync(client, profile));   // the approved reply, as the profile links it
        var authorsView = await GetAsync(w.AsReader, w.HiddenUrl);
        Assert.Contains("ornithologique", authorsView);
        Assert.DoesNotContain("volcanique", authorsView);
    }

    [Fact]
    public async Task A_deleted_account_s_name_is_gone_at_once_from_every_cached_page()
    {
        var app = App();
        var title = "Cas orphelin " + Guid.NewGuid().ToString("N")[..6];
        var w = await WorldAsync(app, title);
        var client = app.CreateClient(NoCookies);
        var urls = PagesShowing(w, "orphelin").Where(u => !u.StartsWith("/search", StringComparison.Ordinal) && !u.Contains(".atom", StringComparison.Ordinal)).ToArray();
        foreach (var url in new[] { w.HiddenUrl, "/members/" + Uri.EscapeDataString(w.ReplierName) })
        {
            Assert.Contains(w.ReplierName, await GetAsync(client, url));
            Assert.Contains(w.ReplierName, await GetAsync(w.AsReader, url));
        }
        foreach (var url in urls) await GetAsync(client, url);

        var deleted = await (await app.SignedInAs(w.Replier)).SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        foreach (var url in urls.Append("/members/" + Uri.EscapeDataString(w.ReplierName)))
        {
            Assert.DoesNotContain(w.ReplierName, await GetAsync(client, url));
            Assert.DoesNotContain(w.ReplierName, await GetAsync(w.AsReader, url));
        }
        Assert.Contains(title, await GetAsync(client, "/cases"));   // the discussion stays
    }
}
