using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Moderation;

namespace RisingGoal.Community.Features.Messages;

/// <summary>/moderation/messages: the conversations with authors, those where the member wrote last first.</summary>
[StaffOnly]
[Accounts.NoStore]
public sealed class InboxModel(MessageQueries queries) : PageModel
{
    public IReadOnlyList<StaffThread> Threads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Threads = await queries.StaffListAsync(ct);
}
