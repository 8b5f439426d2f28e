using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What moderators do to a reply: hold, approve, reject, hide (a tombstone), redact.</summary>
public sealed partial class Reply
{
    public bool IsAwaitingReview => Status == ReplyStatus.Pending;

    /// <summary>
    /// Whether readers see the reply at all, as text or as a tombstone: a held or refused one is seen by its author and
    /// staff alone, through views no cache shares, so writing, editing or refusing it changes nothing cached.
    /// </summary>
    public static bool SeenByReaders(ReplyStatus status) => status is not (ReplyStatus.Pending or ReplyStatus.Rejected);

    /// <summary>True when the published text still carries the text (as <see cref="Case.Carries"/> for a case).</summary>
    public bool Carries(string text) => RedactionText.Contains(BodyMarkdown, text);

    public void HoldForReview()
    {
        Status = ReplyStatus.Pending;
        Version++;
    }

    public bool Approve()
    {
        if (Status is not (ReplyStatus.Pending or ReplyStatus.Hidden or ReplyStatus.Rejected)) return false;
        Status = ReplyStatus.Published;
        Version++;
        return true;
    }

    /// <summary>
    /// A reply refused while held for review was never public: it becomes <see cref="ReplyStatus.Rejected"/> (staff still
    /// see it; its author is told by notification), not a tombstone that would tell every reader something was there. A published one is hidden.
    /// </summary>
    public bool Reject(DateTime nowUtc)
    {
        if (Status != ReplyStatus.Pending) return Hide(nowUtc);
        Status = ReplyStatus.Rejected;
        EditedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool Hide(DateTime nowUtc)
    {
        if (Status != ReplyStatus.Published) return false;
        Status = ReplyStatus.Hidden;
        EditedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool Unhide() => Status == ReplyStatus.Hidden && Approve();

    public void Redact(string find, string replacement, Func<string, RenderedMarkdown> render, DateTime nowUtc) =>
        ReplaceBody(RedactionText.Apply(BodyMarkdown, find, replacement), render, nowUtc);

    /// <summary>
    /// A quotation's signature follows its author's erasure (<see cref="Moderation.QuotedCopies"/>): the words are the
    /// writer's own and unchanged, so the reply is not marked edited.
    /// </summary>
    public void RewriteQuotation(string bodyMarkdown, Func<string, RenderedMarkdown> render)
    {
        var body = render(bodyMarkdown);
        BodyMarkdown = bodyMarkdown;
        BodyHtml = body.Html;
        RendererVersion = body.RendererVersion;
        Version++;
    }

    public void ReplaceBody(string bodyMarkdown, Func<string, RenderedMarkdown> render, DateTime nowUtc)
    {
        var body = render(bodyMarkdown);
        BodyMarkdown = bodyMarkdown;
        BodyHtml = body.Html;
        RendererVersion = body.RendererVersion;
        EditedUtc = nowUtc;
        Version++;
    }
}

public sealed partial class ReplyRevision
{
    public void Redact(string find, string replacement) => BodyMarkdown = RedactionText.Apply(BodyMarkdown, find, replacement);

    /// <summary>A quotation in it follows the quoted post (<see cref="Moderation.QuotedCopies"/>).</summary>
    public void Rewrite(string bodyMarkdown) => BodyMarkdown = bodyMarkdown;

    public bool Carries(string text) => RedactionText.Contains(BodyMarkdown, text);
}
