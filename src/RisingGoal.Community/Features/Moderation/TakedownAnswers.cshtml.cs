using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Answers a confirmed takedown request by e-mail; the log keeps the outcome, never the content.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
[StaffOnly]
[Accounts.NoStore]
public sealed class TakedownAnswersModel(CommunityDbContext db, IStringLocalizer<Strings> l, QueueLoader loader, ModerationService moderation, TakedownMail takedownMail)
    : QueuePage(db, l, loader, moderation)
{
    public IActionResult OnGet() => BackToQueue();

    public async Task<IActionResult> OnPostAsync([Bind(Prefix = "Answer")] TakedownAnswerInput answer)
    {
        Answer = answer;
        var request = await Db.Set<TakedownRequest>().SingleOrDefaultAsync(t => t.Id == Answer.Id && t.ConfirmedUtc != null);
        if (request is null) return NotFound();
        if (!ModelState.IsValid)
        {
            AnswerErrorFor = request.Id;
            return await ShowQueueAsync();
        }
        if (!request.Answer(Answer.Outcome!.Value, Now))
        {
            Tell(ModerationOutcome.NotApplicable);
            return BackToQueue();
        }
        Db.Add(ModerationLogEntry.Record(await ActorAsync(), ModerationAction.AnswerTakedown,
            new ModerationTarget(TargetKind.Case, request.CaseId, null, null), TakedownQueue.Label(request.Outcome!.Value, L), null, Now));
        var answerMail = takedownMail.QueueAnswer(request, Answer.Message);   // saved with the answer: both or neither
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Tell(ModerationOutcome.Stale);
            return BackToQueue();
        }
        await takedownMail.SendAsync(answerMail);
        Tell(ModerationOutcome.Done);
        return BackToQueue();
    }
}
