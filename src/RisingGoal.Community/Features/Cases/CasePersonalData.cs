using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// A member's cases (pseudonymous ones included: it is their own export), replies, follow-ups, edits awaiting review
/// and reactions. Erasure detaches the content (shown as "Former member" or under its pseudonym, their posts in their
/// pseudonymous discussions included: <see cref="Reply.KeepsPseudonym"/>) and deletes the
/// reactions and the edits still awaiting review (never published, so nothing of them stays). Other members' quotations
/// of their named posts lose the name too (<see cref="QuotedCopies.ForgetAuthorAsync"/>).
/// </summary>
internal sealed class CasePersonalData(CommunityDbContext db, MarkdownRenderer renderer, IStringLocalizer<Strings> S) : IPersonalData
{
    public async Task<(string Section, object Data)> ExportAsync(string memberId, CancellationToken cancellationToken)
    {
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.AuthorId == memberId && c.Status != CaseStatus.Deleted)
            .OrderBy(c => c.CreatedUtc)
            .Select(c => new { c.Id, c.Title, c.Summary, BodyMarkdown = c.Body.Markdown, c.Outcome, c.OpenQuestion, c.Pseudonym, c.CreatedUtc, c.UpdatedUtc, Status = c.Status.ToString() })
            .ToListAsync(cancellationToken);
        var replies = await db.Set<Reply>().AsNoTracking().Where(r => r.AuthorId == memberId && r.Status != ReplyStatus.Deleted)
            .OrderBy(r => r.CreatedUtc)
            .Select(r => new { r.Id, r.CaseId, r.BodyMarkdown, r.CreatedUtc, r.EditedUtc })
            .ToListAsync(cancellationToken);
        var followUps = await db.Set<FollowUp>().AsNoTracking().Where(f => f.AuthorId == memberId)
            .Select(f => new { f.Id, f.CaseId, Status = f.Status.ToString(), f.BodyMarkdown, f.CreatedUtc })
            .ToListAsync(cancellationToken);
        // Marks name cases: only those the member may still see (never the id of a case hidden since).
        var shown = db.Set<Case>().ShownToMember(memberId).Select(c => c.Id);
        var resonances = await db.Set<Resonance>().AsNoTracking().Where(r => r.MemberId == memberId && shown.Contains(r.CaseId)).Select(r => r.CaseId).ToListAsync(cancellationToken);
        var bookmarks = await db.Set<Bookmark>().AsNoTracking().Where(b => b.MemberId == memberId && shown.Contains(b.CaseId)).Select(b => b.CaseId).ToListAsync(cancellationToken);
        var follows = await db.Set<CaseFollow>().AsNoTracking().Where(f => f.MemberId == memberId && shown.Contains(f.CaseId)).Select(f => f.CaseId).ToListAsync(cancellationToken);
        var pendingEdits = await db.Set<PendingEdit>().AsNoTracking().Where(e => e.AuthorId == memberId).OrderBy(e => e.CreatedUtc)
            .Select(e => new { e.Id, e.CaseId, e.ReplyId, FollowUpStatus = e.FollowUpStatus.ToString(), e.Title, e.Summary, e.BodyMarkdown, e.Outcome, e.OpenQuestion, e.Region, e.CreatedUtc })
            .ToListAsync(cancellationToken);
        return ("cases", new { cases, replies, followUps, pendingEdits, resonances, bookmarks, follows });
    }

    public async Task EraseAsync(string memberId, CancellationToken cancellationToken)
    {
        if (await db.Set<Member>().Where(m => m.Id == memberId).Select(m => m.DisplayName).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } name)
            await QuotedCopies.ForgetAuthorAsync(db, memberId, name, FormerMemberIn, renderer.Render, cancellationToken);
        var resonated = await db.Set<Resonance>().Where(r => r.MemberId == memberId).Select(r => r.CaseId).ToListAsync(cancellationToken);
        await db.Set<Resonance>().Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Bookmark>().Where(b => b.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CaseFollow>().Where(f => f.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<PendingEdit>().Where(e => e.AuthorId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Case>().Where(c => resonated.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(
            c => c.ResonanceCount, c => db.Set<Resonance>().Count(r => r.CaseId == c.Id)), cancellationToken);
        // Their replies, follow-ups and edits in their own pseudonymous discussions keep the pseudonym (Bylines): marked
        // while the ids still tell, before the case and the posts lose them.
        var underPseudonym = db.Set<Case>().Where(c => c.AuthorId == memberId && c.Pseudonym != null).Select(c => c.Id);
        await db.Set<Reply>().Where(r => r.AuthorId == memberId && underPseudonym.Contains(r.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.KeepsPseudonym, true), cancellationToken);
        await db.Set<FollowUp>().Where(f => f.AuthorId == memberId && underPseudonym.Contains(f.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.KeepsPseudonym, true), cancellationToken);
        await db.Set<CaseRevision>().Where(r => r.EditorId == memberId && underPseudonym.Contains(r.CaseId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.KeepsPseudonym, true), cancellationToken);
        await db.Set<Case>().Where(c => c.AuthorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorId, (string?)null), cancellationToken);
        await db.Set<Reply>().Where(r => r.AuthorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(r => r.AuthorId, (string?)null), cancellationToken);
        await db.Set<FollowUp>().Where(f => f.AuthorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(f => f.AuthorId, (string?)null), cancellationToken);
        await db.Set<CaseRevision>().Where(r => r.EditorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(r => r.EditorId, (string?)null), cancellationToken);
        await db.Set<ReplyRevision>().Where(r => r.EditorId == memberId).ExecuteUpdateAsync(s => s.SetProperty(r => r.EditorId, (string?)null), cancellationToken);
    }

    private string FormerMemberIn(string language)
    {
        using var culture = CultureScope.Use(CultureInfo.GetCultureInfo(language));
        return S["Former member"].Value;
    }
}
