using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features;

/// <summary>
/// The colour theme switch in the footer, like the language one: a plain form GET (identical for every reader, so
/// pages stay cacheable) or POST that sets the theme cookie and goes back. "auto" follows the system setting
/// (prefers-color-scheme) and removes the cookie. Works without JavaScript.
/// </summary>
public sealed class ThemeModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet(string? theme, string? returnUrl) => OnPost(theme, returnUrl);

    public IActionResult OnPost(string? theme, string? returnUrl)
    {
        if (theme == ThemePreference.Auto)
            Response.Cookies.Delete(ThemePreference.CookieName);
        else if (ThemePreference.IsExplicit(theme))
            Response.Cookies.Append(ThemePreference.CookieName, theme!, new CookieOptions
            {
                Expires = clock.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, IsEssential = true,
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}

/// <summary>The reader's chosen theme: "light" or "dark" from the cookie, else "auto" (the system's).</summary>
public static class ThemePreference
{
    public const string CookieName = ".rg.theme";
    public const string Auto = "auto";
    public static readonly string[] Choices = [Auto, "light", "dark"];

    public static bool IsExplicit(string? theme) => theme is "light" or "dark";

    public static string Of(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && IsExplicit(value) ? value! : Auto;
}
