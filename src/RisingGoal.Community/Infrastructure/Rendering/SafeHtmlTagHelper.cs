using Microsoft.AspNetCore.Razor.TagHelpers;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// <c>&lt;safe-html content="Model.Body" /&gt;</c>: the one place a view writes HTML unencoded, and only a
/// <see cref="SafeHtml"/>. A tag helper rather than a partial: the case page prints hundreds of replies, and a partial
/// per reply cost a fifth of its rendering time.
/// </summary>
[HtmlTargetElement("safe-html", TagStructure = TagStructure.WithoutEndTag)]
public sealed class SafeHtmlTagHelper : TagHelper
{
    public SafeHtml? Content { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;   // no wrapper element: the HTML lands where the tag stood
        output.Content.SetHtmlContent(Content?.Value ?? "");
    }
}
