using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>/moderation/log: the public moderation log (Lobsters' model), open to everyone.</summary>
public sealed class LogModel(PublicLog log) : PageModel
{
    public IReadOnlyList<PublicLogLine> Lines { get; private set; } = [];
    public long? Next { get; private set; }

    public async Task OnGetAsync(long? before) => (Lines, Next) = await log.PageAsync(before);
}
