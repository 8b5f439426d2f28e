using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Features.Accounts;

namespace RisingGoal.Community.Features.MemberSpace;

/// <summary>/account/saved: the cases the member saved ("Enregistrer" on a case), newest save first, paginated by key.</summary>
[Authorize]
[NoStore]
public sealed class SavedModel(MemberSpaceQueries queries) : PageModel
{
    public SavedPage Saved { get; private set; } = new([], null);

    public async Task OnGetAsync([FromQuery] string? after, CancellationToken ct) =>
        Saved = await queries.SavedAsync(User.MemberId(), after, ct);
}
