using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>"What happened next": a dated note by the author (or a moderator) on how the situation evolved.</summary>
public sealed class FollowUp
{
    private FollowUp() { }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string? AuthorId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public string BodyMarkdown { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public int RendererVersion { get; private set; }
    /// <summary>
    /// Written by the case's author in their own pseudonymous discussion, whose account was erased since (set by
    /// <see cref="CasePersonalData"/>): the author id is gone, so this is what keeps the follow-up under the pseudonym
    /// (<see cref="Bylines"/>). False while the account exists: the ids tell.
    /// </summary>
    public bool KeepsPseudonym { get; private set; }

    /// <summary>Replaces the removed text (whatever its case) and re-renders.</summary>
    public void Redact(string find, string replacement, Func<string, RenderedMarkdown> render) =>
        ReplaceBody(Moderation.RedactionText.Apply(BodyMarkdown, find, replacement), render);

    /// <summary>A moderator rewrote the Markdown by hand.</summary>
    public void ReplaceBody(string bodyMarkdown, Func<string, RenderedMarkdown> render)
    {
        var rendered = render(bodyMarkdown);
        BodyMarkdown = bodyMarkdown;
        BodyHtml = rendered.Html;
        RendererVersion = rendered.RendererVersion;
    }

    /// <summary>The same Markdown through the current renderer (<see cref="StoredBodies"/>).</summary>
    public void Rerender(Func<string, RenderedMarkdown> render) => ReplaceBody(BodyMarkdown, render);

    internal static FollowUp Write(int caseId, string? authorId, FollowUpStatus status, string bodyMarkdown, RenderedMarkdown body, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        AuthorId = authorId,
        CreatedUtc = nowUtc,
        Status = status,
        BodyMarkdown = bodyMarkdown,
        BodyHtml = body.Html,
        RendererVersion = body.RendererVersion,
    };
}
