using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

public sealed record TakedownItem(int Id, string Email, string CaseReference, int? CaseId, string? CaseTitle, string Passage,
    TakedownKind Kind, string Explanation, DateTime ConfirmedUtc);

/// <summary>Confirmed, unanswered takedown requests, oldest first (they enter the queue when confirmed).</summary>
public static class TakedownQueue
{
    public static async Task<IReadOnlyList<TakedownItem>> LoadAsync(CommunityDbContext db, int limit = 50)
    {
        return await (from t in db.Set<TakedownRequest>().AsNoTracking()
                      where t.ConfirmedUtc != null && t.AnsweredUtc == null
                      join c in db.Set<Case>() on t.CaseId equals c.Id into cases
                      from c in cases.DefaultIfEmpty()
                      orderby t.ConfirmedUtc, t.Id
                      select new TakedownItem(t.Id, t.Email, t.CaseReference, t.CaseId, c == null ? null : c.Title, t.Passage, t.Kind,
                          t.Explanation, t.ConfirmedUtc!.Value)).Take(limit).ToListAsync();
    }

    public static async Task<List<(int Id, string Title, DateTime SinceUtc)>> OverdueAsync(CommunityDbContext db, DateTime threshold, int limit, CancellationToken ct)
    {
        var rows = await db.Set<TakedownRequest>().AsNoTracking()
            .Where(t => t.ConfirmedUtc != null && t.AnsweredUtc == null && t.ConfirmedUtc <= threshold)
            .OrderBy(t => t.ConfirmedUtc).Take(limit)
            .Select(t => new { t.Id, t.CaseReference, t.ConfirmedUtc }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.CaseReference, r.ConfirmedUtc!.Value)).ToList();
    }

    public static string Label(TakedownOutcome outcome, IStringLocalizer l) => outcome switch
    {
        TakedownOutcome.Corrected => l["Takedown request: corrected"],
        TakedownOutcome.Removed => l["Takedown request: removed"],
        _ => l["Takedown request: declined"],
    };
}

/// <summary>The moderator's answer to a takedown request, e-mailed to the requester.</summary>
public sealed class TakedownAnswerInput
{
    public int Id { get; set; }

    [Required(ErrorMessage = "Choose the outcome.")]
    public TakedownOutcome? Outcome { get; set; }

    [Required(ErrorMessage = "Write the answer the requester will read.")]
    [StringLength(TakedownRequest.ExplanationMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Message { get; set; } = "";
}
