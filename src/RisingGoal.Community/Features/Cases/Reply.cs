using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>A member's answer on a case. Deleted or hidden replies stay in place as a tombstone.</summary>
public sealed partial class Reply
{
    private Reply() { }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    public string? AuthorId { get; private set; }
    public string BodyMarkdown { get; private set; } = "";
    public string BodyHtml { get; private set; } = "";
    public int RendererVersion { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? EditedUtc { get; private set; }
    public ReplyStatus Status { get; private set; }
    public int Version { get; private set; }
    /// <summary>
    /// Written by the case's author in their own pseudonymous discussion, whose account was erased since (set by
    /// <see cref="CasePersonalData"/>): the author id is gone, so this is what keeps the post under the pseudonym
    /// (<see cref="Bylines"/>). False while the account exists: the ids tell.
    /// </summary>
    public bool KeepsPseudonym { get; private set; }

    public bool IsVisible => Status == ReplyStatus.Published;

    private readonly List<ReplyMention> _mentions = [];
    /// <summary>The members the reply mentions (<see cref="ReplyMentionRecords.RecordMentionsAsync"/>); loaded on demand.</summary>
    public IReadOnlyCollection<ReplyMention> Mentions => _mentions;

    internal static Reply Write(int caseId, string authorId, string bodyMarkdown, RenderedMarkdown body, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        AuthorId = authorId,
        BodyMarkdown = bodyMarkdown,
        BodyHtml = body.Html,
        RendererVersion = body.RendererVersion,
        CreatedUtc = nowUtc,
        Status = ReplyStatus.Published,
    };

    public ReplyRevision Edit(string editorId, string bodyMarkdown, RenderedMarkdown body, DateTime nowUtc)
    {
        var revision = new ReplyRevision(Id, editorId, nowUtc, BodyMarkdown);
        BodyMarkdown = bodyMarkdown;
        BodyHtml = body.Html;
        RendererVersion = body.RendererVersion;
        EditedUtc = nowUtc;
        Version++;
        return revision;
    }

    /// <summary>The same Markdown through the current renderer (<see cref="StoredBodies"/>); not an edit.
    /// Replaces the stored HTML with <paramref name="body"/>, rendered again from <see cref="BodyMarkdown"/>.</summary>
    public void Rerender(RenderedMarkdown body)
    {
        BodyHtml = body.Html;
        RendererVersion = body.RendererVersion;
        Version++;
    }

    /// <summary>
    /// A mentioned member was renamed or erased (<see cref="MentionsFollowMembers"/>): the text now reads their new name,
    /// or their name unlinked. Not an edit: no revision, no "edited" mark.
    /// </summary>
    public void FollowMentions(string bodyMarkdown, RenderedMarkdown body, IReadOnlyCollection<string> mentionedIds)
    {
        BodyMarkdown = bodyMarkdown;
        Rerender(body);
        Mentioning(mentionedIds);
    }

    /// <summary>Replaces the recorded mentions (the collection must be loaded, or the reply new).</summary>
    internal void Mentioning(IReadOnlyCollection<string> memberIds)
    {
        _mentions.RemoveAll(m => !memberIds.Contains(m.MemberId));
        foreach (var id in memberIds.Where(id => _mentions.All(m => m.MemberId != id))) _mentions.Add(ReplyMention.Of(id));
    }

    /// <summary>Soft delete; returns false when it was already deleted.</summary>
    public bool Delete(DateTime nowUtc)
    {
        if (Status == ReplyStatus.Deleted) return false;
        Status = ReplyStatus.Deleted;
        EditedUtc = nowUtc;
        Version++;
        return true;
    }

    public bool IsAuthor(string? memberId) => memberId is not null && AuthorId == memberId;
}

/// <summary>The text of a reply before one edit.</summary>
public sealed partial class ReplyRevision(int replyId, string? editorId, DateTime createdUtc, string bodyMarkdown)
{
    public int Id { get; private set; }
    public int ReplyId { get; private set; } = replyId;
    public string? EditorId { get; private set; } = editorId;
    public DateTime CreatedUtc { get; private set; } = createdUtc;
    public string BodyMarkdown { get; private set; } = bodyMarkdown;
}
