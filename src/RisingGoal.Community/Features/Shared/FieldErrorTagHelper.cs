using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RisingGoal.Community.Features.Shared;

/// <summary>
/// <c>error-id="email-error"</c> on a field (or on the fieldset of a group of choices) names the element that says its
/// error, and adds that id to the field's <c>aria-describedby</c> only while its ModelState entry has an error: a screen
/// reader reads the hint, then the error once there is one, never an empty element. The entry is the field's
/// <c>asp-for</c>, or <c>error-for</c> on an element without one ("Input.Reason" on a fieldset).
/// </summary>
[HtmlTargetElement(Attributes = ErrorIdAttribute)]
public sealed class FieldErrorTagHelper : TagHelper
{
    private const string ErrorIdAttribute = "error-id";

    [HtmlAttributeName(ErrorIdAttribute)]
    public string ErrorId { get; set; } = "";

    /// <summary>Bound with the input tag helpers, which read the same attribute.</summary>
    [HtmlAttributeName("asp-for")]
    public ModelExpression? For { get; set; }

    /// <summary>The ModelState key when the element has no <c>asp-for</c>.</summary>
    [HtmlAttributeName("error-for")]
    public string? ErrorFor { get; set; }

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var key = ErrorFor ?? (For is null ? null : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name));
        if (key is null || !ViewContext.ModelState.TryGetValue(key, out var entry) || entry.Errors.Count == 0) return;
        var hints = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? existing.Value?.ToString() : null;
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrWhiteSpace(hints) ? ErrorId : $"{hints} {ErrorId}");
    }
}
