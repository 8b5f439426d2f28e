using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

[Authorize]
public sealed class IndexModel(CommunityDbContext db) : PageModel
{
    public AccountSummary Account { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = User.MemberId();
        Account = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new AccountSummary(m.DisplayName, m.Email ?? "", m.PreferredCulture, m.CreatedUtc))
            .SingleAsync(ct);
    }
}

public sealed record AccountSummary(string DisplayName, string Email, string PreferredCulture, DateTime CreatedUtc);
