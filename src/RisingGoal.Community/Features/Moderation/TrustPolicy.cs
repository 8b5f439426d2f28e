using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Under which name a post is shown, which is whose record trust reads (<see cref="TrustPolicy"/>): the member's
/// display name, or one pseudonym (one discussion, see <see cref="Bylines"/>; a case being written under a new pseudonym
/// has no discussion yet).
/// </summary>
public sealed record PostedAs(bool Pseudonymous, int? CaseId)
{
    public static readonly PostedAs Name = new(false, null);
    public static readonly PostedAs NewPseudonym = new(true, null);

    /// <summary>How <paramref name="memberId"/>'s post in the discussion of <paramref name="case"/> is shown.</summary>
    public static PostedAs InDiscussion(int caseId, CaseAuthorship @case, string memberId) =>
        Bylines.UnderPseudonym(@case, memberId) ? new PostedAs(true, caseId) : Name;
}

/// <summary>
/// Decides whether a new post waits in the moderation queue. The Cases handlers call
/// <see cref="ApplyAsync(Case, string, CancellationToken)"/> after building a case or reply, before saving it.
/// <para>
/// Trust belongs to the name a post is shown under, never to the account behind it. A named post is judged by what the
/// member published under their name (and staff are trusted); a pseudonymous post by what that pseudonym published in
/// its own discussion, staff or not. Either way round, the account's other record would show through: a member whose
/// only approved posts are pseudonymous would see their first named post skip the queue (telling the moderator who
/// approved them who wrote them), and a trusted member's pseudonymous case would skip it (telling that the pseudonym is
/// a trusted member, or staff). The same rule decides edits, follow-ups, the link limit, flag weight and the queue's
/// "trusted" mark.
/// </para>
/// </summary>
public sealed class TrustPolicy(CommunityDbContext db, IOptions<ModerationOptions> options, IStringLocalizer<Strings> l)
{
    private ModerationOptions Options => options.Value;

    /// <summary>Holds the case for review when the name it is published under is not trusted yet. Returns true when held.</summary>
    public async Task<bool> ApplyAsync(Case @case, string authorId, CancellationToken cancellationToken = default)
    {
        if (!await HoldsCaseAsync(authorId, @case.Pseudonym is null ? PostedAs.Name : PostedAs.NewPseudonym, cancellationToken)) return false;
        @case.HoldForReview();
        return true;
    }

    /// <summary>Whether a case the member published now, shown as <paramref name="postedAs"/>, would wait for review (the composer says so before they write).</summary>
    public async Task<bool> HoldsCaseAsync(string memberId, PostedAs postedAs, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(memberId, postedAs, cancellationToken);
        return TrustRules.HoldCase(standing.IsStaff, standing.ApprovedCases, standing.ApprovedReplies, Options);
    }

    public async Task<bool> ApplyAsync(Reply reply, string authorId, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(authorId, await InDiscussionAsync(authorId, reply.CaseId, cancellationToken), cancellationToken);
        if (!TrustRules.HoldReply(standing.IsStaff, standing.ApprovedCases, standing.ApprovedReplies, Options)) return false;
        reply.HoldForReview();
        return true;
    }

    /// <summary>Whether the member is trusted under their name (flags, and anything done as the account).</summary>
    public Task<bool> IsTrustedAsync(string memberId, CancellationToken cancellationToken = default) =>
        IsTrustedAsync(memberId, PostedAs.Name, cancellationToken);

    public async Task<bool> IsTrustedAsync(string memberId, PostedAs postedAs, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(memberId, postedAs, cancellationToken);
        return TrustRules.IsTrusted(standing.IsStaff, standing.ApprovedCases + standing.ApprovedReplies, Options);
    }

    /// <summary>How the member's post in this discussion is shown (their case under a pseudonym, or their name).</summary>
    public async Task<PostedAs> InDiscussionAsync(string memberId, int caseId, CancellationToken cancellationToken = default) =>
        await db.Set<Case>().AsNoTracking().Where(c => c.Id == caseId).Select(c => new CaseAuthorship(c.AuthorId, c.Pseudonym))
            .FirstOrDefaultAsync(cancellationToken) is { } @case ? PostedAs.InDiscussion(caseId, @case, memberId) : PostedAs.Name;

    /// <summary>
    /// An edit or follow-up in this discussion by a member not trusted yet (under the name the post is shown under)
    /// waits in the queue, and the published version stays until a moderator approves it.
    /// </summary>
    public async Task<bool> HoldsEditAsync(string memberId, int caseId, CancellationToken cancellationToken = default) =>
        !await IsTrustedAsync(memberId, await InDiscussionAsync(memberId, caseId, cancellationToken), cancellationToken);

    /// <summary>
    /// The validation message when the text has too many links for a name not trusted yet, else null. Pass every text
    /// field of the post; the limit applies to their total.
    /// </summary>
    public async Task<string?> CheckLinksAsync(string memberId, PostedAs postedAs, params string?[] texts)
    {
        var links = texts.Sum(LinkCounter.Count);
        if (links <= Options.UntrustedMaxLinks || await IsTrustedAsync(memberId, postedAs)) return null;
        return l["New members may include at most {0} links in a post.", Options.UntrustedMaxLinks];
    }

    /// <summary>Which of these pseudonymous cases' pseudonyms are trusted, by what each published in its own discussion (the queue's mark).</summary>
    public async Task<HashSet<int>> TrustedPseudonymsAsync(IReadOnlyCollection<int> caseIds, CancellationToken cancellationToken = default)
    {
        if (caseIds.Count == 0) return [];
        var records = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.Pseudonym != null && c.AuthorId != null)
            .Select(c => new
            {
                c.Id,
                Case = c.Status == CaseStatus.Published ? 1 : 0,
                Replies = db.Set<Reply>().Count(r => r.CaseId == c.Id && r.AuthorId == c.AuthorId && r.Status == ReplyStatus.Published),
            }).ToListAsync(cancellationToken);
        return records.Where(r => TrustRules.IsTrusted(false, r.Case + r.Replies, Options)).Select(r => r.Id).ToHashSet();
    }

    private async Task<Standing> StandingAsync(string memberId, PostedAs postedAs, CancellationToken cancellationToken)
    {
        if (postedAs.Pseudonymous)
        {
            if (postedAs.CaseId is not { } caseId) return new Standing(false, 0, 0);   // a new pseudonym has no record
            var own = await db.Set<Case>().CountAsync(c => c.Id == caseId && c.AuthorId == memberId && c.Status == CaseStatus.Published, cancellationToken);
            var inDiscussion = await db.Set<Reply>().CountAsync(r => r.CaseId == caseId && r.AuthorId == memberId && r.Status == ReplyStatus.Published, cancellationToken);
            return new Standing(false, own, inDiscussion);
        }
        var isStaff = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == memberId && (r.Name == Roles.Moderator || r.Name == Roles.Administrator)
                             select ur).AnyAsync(cancellationToken);
        if (isStaff) return new Standing(true, 0, 0);
        // Under their name only: not their pseudonymous cases, nor their replies in those discussions (Bylines).
        var cases = await db.Set<Case>().CountAsync(c => c.AuthorId == memberId && c.Status == CaseStatus.Published && c.Pseudonym == null, cancellationToken);
        var replies = await (from r in db.Set<Reply>()
                             join c in db.Set<Case>() on r.CaseId equals c.Id
                             where r.AuthorId == memberId && r.Status == ReplyStatus.Published && !(c.Pseudonym != null && c.AuthorId == memberId)
                             select r.Id).CountAsync(cancellationToken);
        return new Standing(false, cases, replies);
    }

    private sealed record Standing(bool IsStaff, int ApprovedCases, int ApprovedReplies);
}
