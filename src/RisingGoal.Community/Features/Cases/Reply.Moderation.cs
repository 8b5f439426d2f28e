using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What moderators do to a reply: hold, approve, reject (a hidden tombstone), hide, redact.</summary>
public sealed partial class Reply
{
    public bool IsAwaitingReview => Status == ReplyStatus.Pending;

    public void HoldForReview()
    {
        Status = ReplyStatus.Pending;
        Version++;
    }

    public bool Approve()
    {
        if (Status is not (ReplyStatus.Pending or ReplyStatus.Hidden)) return false;
        Status = ReplyStatus.Published;
        Version++;
        return true;
    }

    /// <summary>A rejected reply stays as a hidden tombstone (replies have no Rejected status).</summary>
    public bool Reject(DateTime nowUtc) => Hide(nowUtc, evenIfPending: true);

    public bool Hide(DateTime nowUtc, bool evenIfPending = false)
    {
        if (Status != ReplyStatus.Published && !(evenIfPending && Status == ReplyStatus.Pending)) return false;
        Status = ReplyStatus.Hidden;
        EditedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool Unhide() => Status == ReplyStatus.Hidden && Approve();

    public void Redact(string find, string replacement, Func<string, RenderedMarkdown> render, DateTime nowUtc) =>
        ReplaceBody(RedactionText.Apply(BodyMarkdown, find, replacement), render, nowUtc);

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
}
