using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Decides whether a new post waits in the moderation queue. The Cases handlers call
/// <see cref="ApplyAsync(Case, string, CancellationToken)"/> after building a case or reply, before saving it.
/// </summary>
public sealed class TrustPolicy(CommunityDbContext db, IOptions<ModerationOptions> options, IStringLocalizer<Strings> l)
{
    private ModerationOptions Options => options.Value;

    /// <summary>Holds the case for review when its author is not trusted yet. Returns true when held.</summary>
    public async Task<bool> ApplyAsync(Case @case, string authorId, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(authorId, cancellationToken);
        if (!TrustRules.HoldCase(standing.IsStaff, standing.ApprovedCases, standing.ApprovedReplies, Options)) return false;
        @case.HoldForReview();
        return true;
    }

    public async Task<bool> ApplyAsync(Reply reply, string authorId, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(authorId, cancellationToken);
        if (!TrustRules.HoldReply(standing.IsStaff, standing.ApprovedCases, standing.ApprovedReplies, Options)) return false;
        reply.HoldForReview();
        return true;
    }

    public async Task<bool> IsTrustedAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var standing = await StandingAsync(memberId, cancellationToken);
        return TrustRules.IsTrusted(standing.IsStaff, standing.ApprovedCases + standing.ApprovedReplies, Options);
    }

    /// <summary>
    /// An edit of a published post by a member who is not trusted yet waits in the queue, and the published version
    /// stays until a moderator approves it.
    /// </summary>
    public async Task<bool> HoldsEditAsync(string memberId, CancellationToken cancellationToken = default) =>
        !await IsTrustedAsync(memberId, cancellationToken);

    /// <summary>
    /// The validation message when an untrusted member's text has too many links, else null. Pass every text field
    /// of the post; the limit applies to their total.
    /// </summary>
    public async Task<string?> CheckLinksAsync(string memberId, params string?[] texts)
    {
        var links = texts.Sum(LinkCounter.Count);
        if (links <= Options.UntrustedMaxLinks || await IsTrustedAsync(memberId)) return null;
        return l["New members may include at most {0} links in a post.", Options.UntrustedMaxLinks];
    }

    private async Task<Standing> StandingAsync(string memberId, CancellationToken cancellationToken)
    {
        var isStaff = await (from ur in db.UserRoles
                             join r in db.Roles on ur.RoleId equals r.Id
                             where ur.UserId == memberId && (r.Name == Roles.Moderator || r.Name == Roles.Administrator)
                             select ur).AnyAsync(cancellationToken);
        if (isStaff) return new Standing(true, 0, 0);
        var cases = await db.Set<Case>().CountAsync(c => c.AuthorId == memberId && c.Status == CaseStatus.Published, cancellationToken);
        var replies = await db.Set<Reply>().CountAsync(r => r.AuthorId == memberId && r.Status == ReplyStatus.Published, cancellationToken);
        return new Standing(false, cases, replies);
    }

    private sealed record Standing(bool IsStaff, int ApprovedCases, int ApprovedReplies);
}
