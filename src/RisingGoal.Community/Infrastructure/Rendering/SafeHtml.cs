using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// HTML that came out of <see cref="MarkdownRenderer"/> (or was stored from it), hence sanitised: the only content the
/// views write without encoding (<c>@safeHtml</c>, or the _SafeHtml partial).
/// </summary>
public readonly record struct SafeHtml(string Value) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(Value);
}
