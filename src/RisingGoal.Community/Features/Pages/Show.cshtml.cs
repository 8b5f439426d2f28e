using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Pages;

/// <summary>/pages/{slug}: an editorial page in the current UI language (French when there is no translation).</summary>
public sealed class ShowModel(ContentPages pages) : PageModel
{
    public ContentPage Document { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (pages.Find(slug, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) is not { } page)
            return NotFound();
        Document = page;
        return Page();
    }
}
