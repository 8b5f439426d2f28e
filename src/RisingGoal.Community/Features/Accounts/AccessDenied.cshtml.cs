using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The cookie's access-denied path (refusals answer 403 directly, see <see cref="AccountsFeature"/>): a plain 403, so the
/// status-code pages show the one "access denied" page, which says why and what to do.
/// </summary>
public sealed class AccessDeniedModel : PageModel
{
    public IActionResult OnGet() => StatusCode(StatusCodes.Status403Forbidden);
}
