using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Home;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
