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
    /// <summary>
    /// The stored texts that link to some posts of one case, as a quotation's signature does: <see cref="Fragment"/>
    /// narrows the scan in SQL, <see cref="IsLinkedFrom"/> decides on the text.
    /// </summary>
    public sealed class Source(int caseId, string fragment, Func<string, bool> pointsAt)
    {
        public string Fragment { get; } = fragment;

        /// <summary>Whether the text holds a link to one of the posts (<paramref name="text"/> may be a single line).</summary>
        public bool IsLinkedFrom(string text)
        {
            if (!text.Contains(Fragment, StringComparison.Ordinal)) return false;
            foreach (Match link in PostLink().Matches(text))
                if (Points(link.Groups[1].Value, link.Groups[2].Value)) return true;
            return false;
        }

        internal bool Points(string caseIdText, string rest) => caseIdText == Id(caseId) && pointsAt(rest);
    }

    /// <summary>A reply: links end <c>/cases/{case}/replies/{reply})</c>.</summary>
    public static Source OfReply(int caseId, int replyId) => OfPosts(caseId, new HashSet<int> { replyId }, withCase: false);

    /// <summary>The case: links end <c>/cases/{case}/{slug})</c>, whatever the slug was when the link was written.</summary>
    public static Source OfCase(int caseId) => OfPosts(caseId, new HashSet<int>(), withCase: true);

    /// <summary>Several replies of one case, and the case itself if <paramref name="withCase"/>: one scan for all.</summary>
    public static Source OfPosts(int caseId, IReadOnlySet<int> replyIds, bool withCase) =>
        new(caseId, replyIds.Count == 1 && !withCase ? $"](/cases/{Id(caseId)}/replies/{Id(replyIds.Single())})" : $"](/cases/{Id(caseId)}/",
            rest => ReplyIdIn(rest) is { } replyId ? replyIds.Contains(replyId) : withCase && IsSlug(rest));

    private static int? ReplyIdIn(string rest) =>
        rest.StartsWith("replies/", StringComparison.Ordinal) && int.TryParse(rest.AsSpan("replies/".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : null;

    private static bool IsSlug(string rest) => !rest.Contains('/');

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    // Generated and linear-time, as every pattern of the app (RegexSafetyTests): which post a link points at is decided
    // in code, never by a pattern built from ids or names at run time.
    [GeneratedRegex(@"\]\(/cases/([0-9]+)/([^)\s]*)\)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex PostLink();

    [GeneratedRegex(@"\[([^\]\n]*)\]\(/cases/([0-9]+)/([^)\s]*)\)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex SignedPostLink();

    /// <summary>Find → replace in every text quoting the source.</summary>
    public static Func<string, string> Redacting(Source source, string find, string replacement) =>
        text => source.IsLinkedFrom(text) ? RedactionText.Apply(text, find, replacement) : text;

    /// <summary>
    /// A body rewritten by hand: what was removed is unknown, so each quotation of the source keeps only its signature,
    /// after an elision mark ("[…]" reads the same in French and English).
    /// </summary>
    public static Func<string, string> Eliding(Source source) => text =>
    {
        if (!source.IsLinkedFrom(text)) return text;
        var kept = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var quoteLine = line.TrimStart().StartsWith('>');
            if (quoteLine && source.IsLinkedFrom(line) && line.TrimStart().TrimStart('>').TrimStart().StartsWith('—'))
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
        var source = OfCase(caseId);
        var current = $"](/cases/{Id(caseId)}/{slug})";
        return text => !source.IsLinkedFrom(text) ? text
            : PostLink().Replace(text, link => source.Points(link.Groups[1].Value, link.Groups[2].Value) ? current : link.Value);
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

        string Unsigned(string text, int caseId) => SignedPostLink().Replace(text, link =>
        {
            var rest = link.Groups[3].Value;
            var theirs = link.Groups[1].Value == displayName && int.TryParse(link.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var linkedCase)
                && (ReplyIdIn(rest) is { } replyId ? namedReplies.Contains(replyId) : IsSlug(rest) && namedCases.Contains(linkedCase));
            return theirs
                ? $"[{formerMemberIn(languages.GetValueOrDefault(caseId, CaseLanguages.French))}](/cases/{link.Groups[2].Value}/{rest})"
                : link.Value;
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
