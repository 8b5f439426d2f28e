using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features;

/// <summary>The language switcher: a plain form POST (antiforgery-checked) that sets the culture cookie and goes back.</summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (LocalizationSetup.IsSupported(culture))
            LocalizationSetup.WriteCultureCookie(Response, culture!, Request.IsHttps);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
