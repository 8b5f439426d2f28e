using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features;

/// <summary>
/// The language switcher: a plain form GET (the header form, identical for every reader so pages stay cacheable) or
/// POST that sets the culture cookie and goes back. Only a local return URL is followed; a forged link can at worst
/// change the reader's language.
/// </summary>
public sealed class CultureModel : PageModel
{
    public IActionResult OnGet(string? culture, string? returnUrl) => OnPost(culture, returnUrl);

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (LocalizationSetup.IsSupported(culture))
            LocalizationSetup.WriteCultureCookie(Response, culture!, Request.IsHttps);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
