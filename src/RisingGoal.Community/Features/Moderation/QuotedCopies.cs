using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// A quotation copies a post's words into another reply: the "Quote" link and a selection quoted with JavaScript both
/// sign it <c>&gt; — [byline](link to the post)</c>. What a moderator redacts from the post is redacted from every stored
/// text that links to it (replies, their revisions, reply edits waiting for review) in the same save, so every surface
/// reading the stored reply follows (pages, caches, search, feeds, exports, queued mail), as Discourse rewrites quotes
/// when it anonymises a user. A link to the case also takes the case's new slug: the old one spelled the redacted title.
/// </summary>
public static partial class QuotedCopies
{
    /// <summary>The stored texts that link to a reply or to the case, as a quotation's signature does.</summary>
    public sealed record Source(string Fragment, Regex Link);

    public static Source OfReply(int caseId, int replyId) =>
        new($"](/cases/{Id(caseId)}/replies/{Id(replyId)})", new Regex($@"\]\(/cases/{Id(caseId)}/replies/{Id(replyId)}\)", RegexOptions.CultureInvariant));

    public static Source OfCase(int caseId) =>
        new($"](/cases/{Id(caseId)}/", new Regex($@"\]\(/cases/{Id(caseId)}/(?!replies/)[^)\s/]*\)", RegexOptions.CultureInvariant));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Find → replace in every text quoting the source.</summary>
    public static Func<string, string> Redacting(Source source, string find, string replacement) =>
        text => source.Link.IsMatch(text) ? RedactionText.Apply(text, find, replacement) : text;

    /// <summary>
    /// A body rewritten by hand: what was removed is unknown, so each quotation of the source keeps only its signature,
    /// after an elision mark ("[…]" reads the same in French and English).
    /// </summary>
    public static Func<string, string> Eliding(Source source) => text =>
    {
        if (!source.Link.IsMatch(text)) return text;
        var kept = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var quoteLine = line.TrimStart().StartsWith('>');
            if (quoteLine && source.Link.IsMatch(line) && line.TrimStart().TrimStart('>').TrimStart().StartsWith('—'))
            {
                var start = kept.Count;
                while (start > 0 && kept[start - 1].TrimStart().StartsWith('>')) start--;
                kept.RemoveRange(start, kept.Count - start);
                kept.Add("> […]");
                kept.Add(">");
            }
            kept.Add(line);
        }
        return string.Join('\n', kept);
    };

    /// <summary>Every link to the case (a quotation's signature or a pasted link) takes its current slug.</summary>
    public static Func<string, string> Reslugging(int caseId, string slug)
    {
        var link = OfCase(caseId).Link;
        var current = $"](/cases/{Id(caseId)}/{slug})";
        return text => link.Replace(text, current);
    }

    /// <summary>
    /// An erased member's quotations are signed with the display name they had: each signature linking to one of their
    /// named posts takes the former-member label of the quoting post's case language, as their bylines do (Discourse
    /// rewrites quotes when it anonymises a user). Posts under a pseudonym keep it (<see cref="Reply.KeepsPseudonym"/>), and
    /// so do their quotations. One scan of the stored texts; called before the posts lose their author.
    /// </summary>
    public static async Task ForgetAuthorAsync(CommunityDbContext db, string memberId, string displayName,
        Func<string, string> formerMemberIn, Func<string, RenderedMarkdown> render, CancellationToken ct)
    {
        var fragment = $"[{displayName}](/cases/";
        var replies = await db.Set<Reply>().Where(r => r.AuthorId != memberId && r.BodyMarkdown.Contains(fragment)).ToListAsync(ct);
        var revisions = await db.Set<ReplyRevision>().Where(v => v.BodyMarkdown.Contains(fragment))
            .Join(db.Set<Reply>(), v => v.ReplyId, r => r.Id, (v, r) => new { Revision = v, r.CaseId }).ToListAsync(ct);
        var edits = await db.Set<PendingEdit>().Where(e => e.ReplyId != null && e.BodyMarkdown.Contains(fragment)).ToListAsync(ct);
        if (replies.Count + revisions.Count + edits.Count == 0) return;

        var ownPseudonymous = db.Set<Case>().Where(c => c.AuthorId == memberId && c.Pseudonym != null).Select(c => c.Id);
        var namedReplies = (await db.Set<Reply>().Where(r => r.AuthorId == memberId && !ownPseudonymous.Contains(r.CaseId))
            .Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var namedCases = (await db.Set<Case>().Where(c => c.AuthorId == memberId && c.Pseudonym == null).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var caseIds = replies.Select(r => r.CaseId).Concat(revisions.Select(v => v.CaseId)).Concat(edits.Select(e => e.CaseId)).Distinct().ToList();
        var languages = await db.Set<Case>().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Language, ct);

        var signature = new Regex($@"\[{Regex.Escape(displayName)}\]\((/cases/(\d+)/(?:replies/(\d+)|[^)\s/]*))\)", RegexOptions.CultureInvariant);
        string Unsigned(string text, int caseId) => signature.Replace(text, m =>
        {
            var theirs = m.Groups[3].Success
                ? namedReplies.Contains(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
                : namedCases.Contains(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            return theirs ? $"[{formerMemberIn(languages.GetValueOrDefault(caseId, CaseLanguages.French))}]({m.Groups[1].Value})" : m.Value;
        });
        foreach (var reply in replies)
            if (Unsigned(reply.BodyMarkdown, reply.CaseId) is var body && body != reply.BodyMarkdown) reply.RewriteQuotation(body, render);
        foreach (var (revision, caseId) in revisions.Select(v => (v.Revision, v.CaseId)))
            if (Unsigned(revision.BodyMarkdown, caseId) is var body && body != revision.BodyMarkdown) revision.Rewrite(body);
        foreach (var edit in edits)
            if (Unsigned(edit.BodyMarkdown, edit.CaseId) is var body && body != edit.BodyMarkdown) edit.RewriteBody(body);
    }

    /// <summary>Applies the rewrite to every stored reply text linking to the source (except <paramref name="exceptReplyId"/>), tracked for the caller's save.</summary>
    public static async Task RewriteAsync(CommunityDbContext db, Source source, int? exceptReplyId, Func<string, string> rewrite,
        Func<string, RenderedMarkdown> render, DateTime nowUtc)
    {
        foreach (var reply in await db.Set<Reply>().Where(r => r.Id != exceptReplyId && r.BodyMarkdown.Contains(source.Fragment)).ToListAsync())
            if (rewrite(reply.BodyMarkdown) is var body && body != reply.BodyMarkdown) reply.ReplaceBody(body, render, nowUtc);
        foreach (var revision in await db.Set<ReplyRevision>().Where(r => r.BodyMarkdown.Contains(source.Fragment)).ToListAsync())
            if (rewrite(revision.BodyMarkdown) is var body && body != revision.BodyMarkdown) revision.Rewrite(body);
        foreach (var edit in await db.Set<PendingEdit>().Where(e => e.ReplyId != null && e.BodyMarkdown.Contains(source.Fragment)).ToListAsync())
            if (rewrite(edit.BodyMarkdown) is var body && body != edit.BodyMarkdown) edit.RewriteBody(body);
    }
}
