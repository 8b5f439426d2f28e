using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// RFC 8058 one-click unsubscribe. The signed token is the protection, so POST needs neither cookies nor an antiforgery
/// token: mail providers POST "List-Unsubscribe=One-Click" to the URL on the member's behalf. Razor Pages only honour
/// filters on the page model, and this page has nothing else to protect, hence the attribute on the class.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UnsubscribeTokens tokens, DigestPreferences preferences) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public MailList List { get; private set; }
    public bool Done { get; private set; }
    public bool Invalid { get; private set; }

    public IActionResult OnGet()
    {
        if (!tokens.TryRead(Token, out _, out var list)) return Refused();
        List = list;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!tokens.TryRead(Token, out var memberId, out var list)) return Refused();
        if (!await preferences.UnsubscribeAsync(memberId, list, cancellationToken)) return Refused();
        (List, Done) = (list, true);
        return Page();
    }

    private PageResult Refused()
    {
        Invalid = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
