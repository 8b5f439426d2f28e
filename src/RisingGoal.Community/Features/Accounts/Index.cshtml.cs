using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.MemberSpace;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>/account: the member's dashboard (their cases, replies, saved cases, what they follow) and their settings.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.Web.RateLimits.Resonate)]
[Authorize]
public sealed class IndexModel(CommunityDbContext db, MemberSpaceQueries space, Notifications.UnreadCounts unread) : PageModel
{
    public AccountSummary Account { get; private set; } = null!;
    public Dashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = User.MemberId();
        Account = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new AccountSummary(m.DisplayName, m.Email ?? "", m.PreferredCulture, m.CreatedUtc))
            .SingleAsync(ct);
        Dashboard = await space.DashboardAsync(id, ct) with { UnreadNotifications = await unread.OfAsync(HttpContext.RequestServices, id, ct) };
    }

    /// <summary>Unfollowing is always allowed (a suspended member too: it only takes something back).</summary>
    public async Task<IActionResult> OnPostUnfollowCaseAsync(int caseId, [FromServices] Cases.Reactions reactions, CancellationToken ct)
    {
        await reactions.SetFollowAsync(caseId, User.MemberId(), on: false, ct);
        return Redirect("/account#following");
    }

    public async Task<IActionResult> OnPostUnfollowTagAsync(int tagId, CancellationToken ct)
    {
        await space.UnfollowTagAsync(User.MemberId(), tagId, ct);
        return Redirect("/account#following");
    }
}

public sealed record AccountSummary(string DisplayName, string Email, string PreferredCulture, DateTime CreatedUtc);
