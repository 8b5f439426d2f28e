namespace RisingGoal.Community.Infrastructure.Rendering;

/// <summary>
/// HTML that came out of <see cref="MarkdownRenderer"/>, hence sanitised. It can only be made from a
/// <see cref="RenderedMarkdown"/> or read back from a column that only a <see cref="RenderedMarkdown"/> writes, and views
/// print it only through <see cref="SafeHtmlTagHelper"/> (<c>&lt;safe-html content="..." /&gt;</c>): it is not
/// <c>IHtmlContent</c>, so <c>@value</c> anywhere else would encode it. <c>ViewSafetyTests</c> keeps every other road closed.
/// </summary>
public readonly struct SafeHtml
{
    private readonly string? _value;

    private SafeHtml(string value) => _value = value;

    public string Value => _value ?? "";

    /// <summary>What the renderer just produced (previews, content pages).</summary>
    public static SafeHtml From(RenderedMarkdown rendered) => new(rendered.Html);

    /// <summary>
    /// HTML read back from a stored body column (<c>CaseBodies.BodyHtml</c>, <c>Replies.BodyHtml</c>,
    /// <c>FollowUps.BodyHtml</c>): the entities write those only from a <see cref="RenderedMarkdown"/>, and
    /// <see cref="StoredHtmlRerenderer"/> re-renders whatever an older pipeline wrote.
    /// </summary>
    internal static SafeHtml FromStoredBody(string storedHtml) => new(storedHtml);

    public override string ToString() => Value;
}
