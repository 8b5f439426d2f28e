using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// A member's history as moderators read it next to their name: what they published and had rejected under that name.
/// Their pseudonymous posts are left out: the figures would move when a moderator approves or rejects one, and the
/// change would name its author without a logged reveal.
/// </summary>
public sealed record AuthorHistory(int Approved, int Rejected, DateTime MemberSinceUtc);

/// <summary>
/// What moderators see of a pseudonymous author before a logged reveal: the pseudonym and whether it is trusted, by what
/// it published in its own discussion as <see cref="TrustPolicy"/> decides (never the account's record, which would tell
/// that the pseudonym is a trusted member, or staff), enough to decide; nothing that tells who they are (no name, no member link, no join date), and no count
/// of approved posts: matching it with a named history would name the account (which, for the same reason, leaves out
/// pseudonymous posts, see <see cref="AuthorHistory"/>).
/// </summary>
public sealed record PseudonymousAuthor(string Pseudonym, bool Trusted);

public sealed record FlagSummary(FlagReason Reason, string? Text, DateTime CreatedUtc);

/// <summary>
/// One item of the queue: a pending or flagged case or reply. A post shown under a pseudonym (<see cref="Bylines"/>)
/// carries <see cref="Pseudonymous"/> and no author id, name nor history.
/// </summary>
public sealed record QueueItem(TargetKind Kind, int Id, int CaseId, int Version, string CaseTitle, SafeHtml Html,
    string Status, DateTime CreatedUtc, string? AuthorId, string? AuthorName, PseudonymousAuthor? Pseudonymous, AuthorHistory? History,
    IReadOnlyList<int> TagIds, IReadOnlyList<FlagSummary> Flags, bool IsLocked, bool IsFeatured)
{
    /// <summary>Identifies the item on the page (a case and a reply may share an id).</summary>
    public string Key => $"{Kind.ToString().ToLowerInvariant()}-{Id}";
    public bool IsPending => Status == "Pending";
    public bool IsHidden => Status == "Hidden";
    /// <summary>Since when the item waits for a moderator: its creation when pending, else its first open flag.</summary>
    public DateTime WaitingSinceUtc => IsPending ? CreatedUtc : Flags.Select(f => f.CreatedUtc).DefaultIfEmpty(CreatedUtc).Min();
}

/// <summary>Reads the moderation queue: pending posts oldest first, then flagged items; a bounded page, no N+1.</summary>
public sealed class ModerationQueue(CommunityDbContext db, TrustPolicy trust)
{
    public const int Limit = 50;

    public async Task<IReadOnlyList<QueueItem>> LoadAsync()
    {
        var flags = await db.Set<Flag>().AsNoTracking().Where(f => f.ResolvedUtc == null)
            .OrderBy(f => f.CreatedUtc).Take(Limit * 5)
            .Select(f => new { f.TargetKind, f.TargetId, f.Reason, f.Text, f.CreatedUtc }).ToListAsync();
        var flaggedCases = flags.Where(f => f.TargetKind == TargetKind.Case).Select(f => f.TargetId).Distinct().ToList();
        var flaggedReplies = flags.Where(f => f.TargetKind == TargetKind.Reply).Select(f => f.TargetId).Distinct().ToList();

        var cases = await db.Set<Case>().AsNoTracking()
            .Where(c => c.Status == CaseStatus.Pending || flaggedCases.Contains(c.Id))
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).Take(Limit)
            .Select(c => new
            {
                c.Id, c.Version, c.Title, BodyHtml = c.Body.Html, c.Status, c.CreatedUtc, c.AuthorId, c.Pseudonym,
                Locked = c.LockedUtc != null, Featured = c.FeaturedUtc != null,
                Tags = c.Tags.Select(t => t.TagId).ToList(),
            }).ToListAsync();
        var replies = await (from r in db.Set<Reply>().AsNoTracking()
                             join c in db.Set<Case>() on r.CaseId equals c.Id
                             where r.Status == ReplyStatus.Pending || flaggedReplies.Contains(r.Id)
                             orderby r.CreatedUtc, r.Id
                             select new { r.Id, r.CaseId, r.Version, c.Title, r.BodyHtml, r.Status, r.CreatedUtc, r.AuthorId, r.KeepsPseudonym,
                                 Case = new CaseAuthorship(c.AuthorId, c.Pseudonym) })
            .Take(Limit).ToListAsync();

        var authorIds = cases.Select(c => c.AuthorId).Concat(replies.Select(r => r.AuthorId)).OfType<string>().Distinct().ToList();
        var histories = await HistoriesAsync(authorIds);
        var trustedPseudonyms = await trust.TrustedPseudonymsAsync(cases.Where(c => c.Pseudonym != null).Select(c => c.Id)
            .Concat(replies.Where(r => Bylines.UnderPseudonym(r.Case, r.AuthorId)).Select(r => r.CaseId)).Distinct().ToList());
        var names = await db.Users.AsNoTracking().Where(m => authorIds.Contains(m.Id))
            .Select(m => new { m.Id, m.DisplayName }).ToDictionaryAsync(m => m.Id, m => m.DisplayName);

        IReadOnlyList<FlagSummary> FlagsOn(TargetKind kind, int id) =>
            flags.Where(f => f.TargetKind == kind && f.TargetId == id).Select(f => new FlagSummary(f.Reason, f.Text, f.CreatedUtc)).ToList();

        // The byline rule decides, as on the case page: a post shown under a pseudonym gets the trust facts only;
        // the identity is for a logged reveal.
        QueueItem Item(TargetKind kind, int id, int caseId, int version, string title, string html, string status, DateTime createdUtc,
            CaseAuthorship @case, string? authorId, IReadOnlyList<int> tags, bool locked, bool featured, bool keepsPseudonym = false)
        {
            var history = authorId is null ? null : histories.GetValueOrDefault(authorId);
            if (Bylines.UnderPseudonym(@case, authorId))
                return new QueueItem(kind, id, caseId, version, title, SafeHtml.FromStoredBody(html), status, createdUtc, null, null,
                    new PseudonymousAuthor(@case.Pseudonym!, trustedPseudonyms.Contains(caseId)),
                    null, tags, FlagsOn(kind, id), locked, featured);
            var byline = kind == TargetKind.Case ? Bylines.ForCase(@case, authorId is null ? null : names.GetValueOrDefault(authorId))
                : Bylines.ForPost(@case, authorId, authorId is null ? null : names.GetValueOrDefault(authorId), keepsPseudonym);
            // A pseudonymous case whose author's account is gone, or that author's reply: the pseudonym alone, nothing to reveal.
            if (byline.IsPseudonym)
                return new QueueItem(kind, id, caseId, version, title, SafeHtml.FromStoredBody(html), status, createdUtc, null, null,
                    new PseudonymousAuthor(byline.Name!, false), null, tags, FlagsOn(kind, id), locked, featured);
            return new QueueItem(kind, id, caseId, version, title, SafeHtml.FromStoredBody(html), status, createdUtc, authorId, byline.Name, null, history,
                tags, FlagsOn(kind, id), locked, featured);
        }

        var items = cases.Select(c => Item(TargetKind.Case, c.Id, c.Id, c.Version, c.Title, c.BodyHtml, c.Status.ToString(), c.CreatedUtc,
                new CaseAuthorship(c.AuthorId, c.Pseudonym), c.AuthorId, c.Tags, c.Locked, c.Featured))
            .Concat(replies.Select(r => Item(TargetKind.Reply, r.Id, r.CaseId, r.Version, r.Title, r.BodyHtml, r.Status.ToString(), r.CreatedUtc,
                r.Case, r.AuthorId, [], false, false, r.KeepsPseudonym)));
        // Pending first (oldest first), then flagged items by their first flag.
        return items.OrderBy(i => i.IsPending ? 0 : 1)
            .ThenBy(i => i.WaitingSinceUtc)
            .ToList();
    }

    public async Task<Dictionary<string, AuthorHistory>> HistoriesAsync(IReadOnlyCollection<string> memberIds)
    {
        var allCases = db.Set<Case>();
        // A post is pseudonymous when its discussion's case is under a pseudonym and the member wrote that case (Bylines).
        var cases = await allCases.Where(c => c.AuthorId != null && memberIds.Contains(c.AuthorId) && c.Status == CaseStatus.Published)
            .GroupBy(c => c.AuthorId!).Select(g => new { g.Key, Named = g.Count(c => c.Pseudonym == null) })
            .ToDictionaryAsync(g => g.Key);
        var replies = await (from r in db.Set<Reply>()
                             join c in allCases on r.CaseId equals c.Id
                             where r.AuthorId != null && memberIds.Contains(r.AuthorId) && r.Status == ReplyStatus.Published
                             group c.Pseudonym != null && c.AuthorId == r.AuthorId by r.AuthorId! into g
                             select new { g.Key, Named = g.Count(underPseudonym => !underPseudonym) })
            .ToDictionaryAsync(g => g.Key);
        var rejected = await db.Set<ModerationLogEntry>()
            .Where(e => e.SubjectMemberId != null && memberIds.Contains(e.SubjectMemberId) && e.Action == ModerationAction.Reject
                && !allCases.Any(c => c.Id == e.CaseId && c.Pseudonym != null && c.AuthorId == e.SubjectMemberId))
            .GroupBy(e => e.SubjectMemberId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var since = await db.Users.Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.CreatedUtc }).ToListAsync();
        return since.ToDictionary(m => m.Id, m =>
        {
            var (c, r) = (cases.GetValueOrDefault(m.Id), replies.GetValueOrDefault(m.Id));
            return new AuthorHistory((c?.Named ?? 0) + (r?.Named ?? 0), rejected.GetValueOrDefault(m.Id), m.CreatedUtc);
        });
    }

    public Task<List<Tag>> TagsAsync() =>
        db.Set<Tag>().AsNoTracking().Where(t => t.RetiredUtc == null).OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ToListAsync();
}
