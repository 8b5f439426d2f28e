using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests.Admin;

[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(DigestPlanner planner, OutboxSender sender, IStringLocalizer<Strings> l) : PageModel
{
    public void OnGet() { }

    /// <summary>Plans every due digest now and drains the outbox once, instead of waiting for the workers' next tick.</summary>
    public async Task<IActionResult> OnPostSendNowAsync(CancellationToken cancellationToken)
    {
        var (queued, skipped) = await planner.PlanAsync(cancellationToken);
        var sent = 0;
        for (var batch = await sender.DrainOnceAsync(cancellationToken); batch > 0; batch = await sender.DrainOnceAsync(cancellationToken))
            sent += batch;
        TempData["Status"] = l["{0} digest(s) queued, {1} skipped (nothing new), {2} message(s) sent.", queued, skipped, sent].Value;
        return RedirectToPage();
    }
}
