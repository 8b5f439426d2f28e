using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What moderators do to a case: hold, approve, reject, hide, feature, retag, redact.</summary>
public sealed partial class Case
{
    public bool IsAwaitingReview => Status == CaseStatus.Pending;

    /// <summary>Whether readers see the case at all: a held or refused one is seen by its author and staff alone (as <see cref="Reply.SeenByReaders"/>).</summary>
    public static bool SeenByReaders(CaseStatus status) => status is not (CaseStatus.Pending or CaseStatus.Rejected);

    /// <summary>A new member's case waits in the queue: not published until a moderator approves it.</summary>
    public void HoldForReview()
    {
        Status = CaseStatus.Pending;
        PublishedUtc = null;
        Version++;
    }

    /// <summary>Publishes a pending or hidden case. Returns false when there was nothing to approve.</summary>
    public bool Approve(DateTime nowUtc)
    {
        if (Status is not (CaseStatus.Pending or CaseStatus.Hidden)) return false;
        Status = CaseStatus.Published;
        if (PublishedUtc is null)
        {
            // Readers' dates start here (the feed's updated, the sitemap's lastmod, the "active" order): left at when
            // the author wrote it, they told that time, days before publication (Privacy/Metadata/HeldCaseDatesTests).
            PublishedUtc = nowUtc;
            UpdatedUtc = LastActivityUtc = nowUtc;
        }
        Version++;
        return true;
    }

    public bool Reject(DateTime nowUtc)
    {
        if (Status is CaseStatus.Rejected or CaseStatus.Deleted) return false;
        Status = CaseStatus.Rejected;
        UpdatedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool Hide(DateTime nowUtc)
    {
        if (Status != CaseStatus.Published) return false;
        Status = CaseStatus.Hidden;
        UpdatedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool Unhide()
    {
        if (Status != CaseStatus.Hidden) return false;
        Status = CaseStatus.Published;
        Version++;
        return true;
    }

    public void Unfeature()
    {
        FeaturedUtc = null;
        Version++;
    }

    public void SetTags(IEnumerable<int> tagIds)
    {
        Retag(tagIds);
        Version++;
    }

    /// <summary>
    /// Replaces the removed text in every field (whatever its case) and re-renders the body. A changed title gives a
    /// new slug; former slugs are never stored (any slug leads to the case), so none keeps the removed text.
    /// </summary>
    public void Redact(string find, string replacement, Func<string, RenderedMarkdown> render, DateTime nowUtc)
    {
        Title = RedactionText.Apply(Title, find, replacement);
        Summary = RedactionText.Apply(Summary, find, replacement);
        Outcome = RedactionText.ApplyOptional(Outcome, find, replacement);
        OpenQuestion = RedactionText.ApplyOptional(OpenQuestion, find, replacement);
        Region = RedactionText.ApplyOptional(Region, find, replacement);
        ReplaceBody(RedactionText.Apply(BodyMarkdown, find, replacement), render, nowUtc);
    }

    /// <summary>A moderator rewrote the Markdown by hand.</summary>
    public void ReplaceBody(string bodyMarkdown, Func<string, RenderedMarkdown> render, DateTime nowUtc)
    {
        Body.Replace(bodyMarkdown, render(bodyMarkdown));
        Slug = Slugs.From(Title);
        UpdatedUtc = nowUtc;
        Version++;
    }

    /// <summary>
    /// A moderator replaces a pseudonym that identifies its author with a neutral one (already checked against
    /// <see cref="PseudonymRules"/>). Blanking it is no option: the byline would fall back to the author's name.
    /// Returns false for a case published under its author's name, or when the pseudonym is already this one.
    /// </summary>
    public bool ReplacePseudonym(string pseudonym, DateTime nowUtc)
    {
        if (!IsPseudonymous || Accounts.NameFolding.SameName(Pseudonym, pseudonym)) return false;
        Pseudonym = pseudonym;
        UpdatedUtc = nowUtc;
        Version++;
        return true;
    }

    /// <summary>True when any field still carries the text.</summary>
    public bool Carries(string text) => RedactionText.AnyContains(text, Title, Summary, BodyMarkdown, Outcome, OpenQuestion, Region);
}

public sealed partial class CaseRevision
{
    public void Redact(string find, string replacement)
    {
        Title = RedactionText.Apply(Title, find, replacement);
        Summary = RedactionText.Apply(Summary, find, replacement);
        BodyMarkdown = RedactionText.Apply(BodyMarkdown, find, replacement);
        Outcome = RedactionText.ApplyOptional(Outcome, find, replacement);
        OpenQuestion = RedactionText.ApplyOptional(OpenQuestion, find, replacement);
        Reason = RedactionText.ApplyOptional(Reason, find, replacement);
    }

    /// <summary>True when this earlier version (shown on the revisions page) still carries the text.</summary>
    public bool Carries(string text) => RedactionText.AnyContains(text, Title, Summary, BodyMarkdown, Outcome, OpenQuestion, Reason);
}
