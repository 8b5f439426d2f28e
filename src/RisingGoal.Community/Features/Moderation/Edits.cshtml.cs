using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Decisions on edits awaiting review (members not trusted yet), from the queue's "Edits awaiting review".</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Staff)]
[StaffOnly]
[Accounts.NoStore]
public sealed class EditsModel(CommunityDbContext db, IStringLocalizer<Strings> l, QueueLoader loader, ModerationService moderation, PendingEditReview editReview)
    : QueuePage(db, l, loader, moderation)
{
    public IActionResult OnGet() => BackToQueue();

    /// <summary>Publishes an edit awaiting review as a new revision.</summary>
    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!ModelState.IsValid) return BackToQueue();
        Tell(await editReview.ApproveAsync(Input.Id, await ActorAsync(), Input.PrivateNote));
        return BackToQueue();
    }

    /// <summary>Discards an edit awaiting review; the published version stays and the author is told why.</summary>
    public async Task<IActionResult> OnPostRejectAsync()
    {
        if (!RejectReasonGiven($"edit-{Input.Id}")) return await ShowQueueAsync();
        Tell(await editReview.RejectAsync(Input.Id, await ActorAsync(), Input.Reason!.Value, ModerationLabels.Reject(Input.Reason.Value, L), Input.Text));
        return BackToQueue();
    }
}
