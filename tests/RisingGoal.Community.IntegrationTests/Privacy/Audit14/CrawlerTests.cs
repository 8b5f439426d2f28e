using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Audit14;

/// <summary>
/// The attacker who does not read our list of surfaces: a crawler that follows every link, feed, sitemap entry and
/// search it can reach, as a visitor and as another member, caching on, and reads every answer (body and headers) for
/// what it must never find: the text of a held, refused, hidden or members-only post, and the account behind a
/// pseudonym on the pseudonymous case's pages or the pseudonym on the account's profile.
/// </summary>
public sealed partial class CrawlerTests
{
    [GeneratedRegex(@"(?:href|src)=""(/[^""#]*)")]
    private static partial Regex Links();

    [GeneratedRegex(@"<loc>https?://[^/<]+(/[^<]*)</loc>|<link[^>]*href=""https?://[^/""]+(/[^""]*)""")]
    private static partial Regex XmlLinks();

    private static readonly string[] Skipped = ["/account/logout", "/digests/unsubscribe", "/culture", "/theme", "/css/", "/js/", "/fonts/", "/favicon", "/_framework"];

    [Fact]
    public async Task A_crawler_finds_no_private_text_and_no_account_behind_the_pseudonym_anywhere_it_can_reach()
    {
        await using var app = new MembersAppFactory();
        app.With("Caching:Enabled", "true");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var author = await app.Seed(A.Member().WithUserName("anatole.v").Named("Anatole Vercingeto"));
        var replier = await app.Seed(A.Member().Called("Berenice"));
        var named = await app.Seed(A.Case().By(author).Titled("Un cas signé de son nom").Tagged("delegation-de-facade"));
        await app.Seed(A.Reply().On(named).By(replier).Saying("Une réponse publique ordinaire."));
        var pseudo = await app.Seed(A.Case().By(author).Titled("Le cas de Plume Grise").UnderPseudonym("Plume Grise").Tagged("delegation-de-facade"));
        await app.Seed(A.Reply().On(pseudo).By(author).Saying("Précision de l’auteur sous pseudonyme."));
        await app.Seed(A.Reply().On(pseudo).By(replier).Saying("Réponse attendue zygomorphe.").Pending());
        var refused = await app.Seed(A.Reply().On(pseudo).By(replier).Saying("Réponse refusée xylophage.").Pending());
        await app.ChangeReply(refused.Id, r => r.Reject(now));
        var hiddenReply = await app.Seed(A.Reply().On(pseudo).By(replier).Saying("Réponse masquée quetzalcoatl."));
        await app.ChangeReply(hiddenReply.Id, r => r.Hide(now));
        var hidden = await app.Seed(A.Case().By(replier).Titled("Cas masqué ornithorynque").Tagged("delegation-de-facade"));
        await app.ChangeCase(hidden.Id, c => c.Hide(now));
        await app.Seed(A.Case().By(replier).Titled("Cas en attente wapiti").Tagged("delegation-de-facade").Pending());
        await app.Seed(A.Case().By(author).Titled("Cas réservé okapi").UnderPseudonym("Plume Grise").Tagged("delegation-de-facade").Visible(CaseVisibility.MembersOnly));

        string[] neverSeen = ["zygomorphe", "xylophage", "quetzalcoatl", "ornithorynque", "wapiti", author.Id, author.UserName!];
        var visitor = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var member = (await app.SignedInAs(await app.Seed(A.Member().Called("Curieuse")))).Http;
        var pseudoPages = $"/cases/{pseudo.Id}";
        var profile = "/members/" + Uri.EscapeDataString(author.DisplayName);
        // Staff see held and hidden text, but not who writes under a pseudonym without a logged reveal.
        var moderator = (await app.SignedInAs(await app.Seed(A.Member().Called("Modeste").WithRole(Roles.Moderator)))).Http;
        await app.Seed(A.Reply().On(pseudo).By(author).Saying("Seconde précision, en attente.").Pending());
        var staffPages = new[] { "/moderation", "/moderation/edits", "/moderation/messages", "/moderation/log", "/moderation/reveals", $"/moderation/members/{author.Id}" };
        var problems = new List<string>();
        foreach (var (reader, name, secrets) in new[] { (visitor, "visitor", neverSeen.Append("okapi").ToArray()), (member, "member", neverSeen), (moderator, "moderator", []) })
        {
            var queue = new Queue<string>(["/", "/cases", "/tags", "/sitemap.xml", "/feeds/cases.atom", profile, pseudoPages, ..(name == "moderator" ? staffPages : []),
                ..new[] { "Réponse", "réponse attendue", "refusée", "masquée", "Cas", "attente", "réservé", "Plume", "Vercingeto" }.Select(q => "/search?q=" + Uri.EscapeDataString(q))]);
            var seen = new HashSet<string>(queue);
            var pages = 0;
            while (queue.TryDequeue(out var url) && pages++ < 250)
            {
                var answer = await reader.GetAsync(url);
                if (name == "moderator" && staffPages.Contains(url)) Assert.True((int)answer.StatusCode < 400, $"{url}: {answer.StatusCode}");
                var text = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
                var all = $"{answer.Headers}\n{answer.Content.Headers}\n{text}";
                foreach (var secret in secrets)
                    if (all.Contains(secret, StringComparison.OrdinalIgnoreCase)) problems.Add($"{name} {url}: '{secret}'");
                if (url.StartsWith(pseudoPages + "/", StringComparison.Ordinal) || url == pseudoPages)
                    if (all.Contains("Vercingeto", StringComparison.OrdinalIgnoreCase) || all.Contains(author.Id, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{name} {url}: the account behind the pseudonym");
                if ((url == profile || url == $"/moderation/members/{author.Id}") && (all.Contains("Plume", StringComparison.OrdinalIgnoreCase) || all.Contains("okapi", StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"{name} {url}: the pseudonym on the profile");
                var next = Links().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(XmlLinks().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value));
                if (answer.Headers.Location is { } location && !location.IsAbsoluteUri) next = next.Append(location.OriginalString.Split('#')[0]);
                foreach (var link in next.Select(l => l.Split('#')[0]).Where(l => l.Length > 0))
                    if (!Skipped.Any(s => link.StartsWith(s, StringComparison.Ordinal)) && seen.Add(link)) queue.Enqueue(link);
            }
            Assert.True(pages > 30, $"{name} crawled only {pages} pages");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }
}
