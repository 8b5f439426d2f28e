using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// An edit of a published case or reply, or a new follow-up, by a member who is not trusted yet: it waits for a
/// moderator while the published version stays what everyone reads. Only its author (on the case page and the edit
/// forms) and the moderation queue ever read it. Approving applies it (a new revision, or the follow-up); rejecting
/// deletes it. One edit per post and member: a new edit replaces the one still waiting.
/// </summary>
public sealed class PendingEdit
{
    private PendingEdit() { }

    public int Id { get; private set; }
    public int CaseId { get; private set; }
    /// <summary>Null for an edit of the case itself or a follow-up.</summary>
    public int? ReplyId { get; private set; }
    /// <summary>Set for a new follow-up (its status), null for an edit.</summary>
    public FollowUpStatus? FollowUpStatus { get; private set; }
    public string AuthorId { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }

    /// <summary>The proposed Markdown of the case body or of the reply.</summary>
    public string BodyMarkdown { get; private set; } = "";
    // The proposed case fields (null for a reply edit).
    public string? Title { get; private set; }
    public string? Summary { get; private set; }
    public string? Outcome { get; private set; }
    public string? OpenQuestion { get; private set; }
    public SizeBand? SizeBand { get; private set; }
    public Sector? Sector { get; private set; }
    public Stage? Stage { get; private set; }
    public string? Region { get; private set; }
    public int? OkrCyclesRun { get; private set; }
    public AuthorRole? AuthorRole { get; private set; }
    public CaseVisibility? Visibility { get; private set; }
    public DateTime? MembersOnlyUntilUtc { get; private set; }
    /// <summary>The tag ids, comma-separated.</summary>
    public string? TagIds { get; private set; }
    public string? Reason { get; private set; }

    private readonly List<PendingEditMention> _mentions = [];
    /// <summary>
    /// The members a reply edit mentions, resolved when it was proposed (as a reply's are): a rename rewrites the edit
    /// as it does published replies (<see cref="MentionsFollowMembers"/>), and approving links these members only.
    /// </summary>
    public IReadOnlyCollection<PendingEditMention> Mentions => _mentions;

    /// <summary>A quotation in a reply edit follows the quoted post (<see cref="Moderation.QuotedCopies"/>).</summary>
    public void RewriteBody(string bodyMarkdown) => BodyMarkdown = bodyMarkdown;

    /// <summary>A redaction of the published post reaches the edit waiting for review too (it would republish the text).</summary>
    public void Redact(string find, string replacement)
    {
        BodyMarkdown = Moderation.RedactionText.Apply(BodyMarkdown, find, replacement);
        Title = Moderation.RedactionText.ApplyOptional(Title, find, replacement);
        Summary = Moderation.RedactionText.ApplyOptional(Summary, find, replacement);
        Outcome = Moderation.RedactionText.ApplyOptional(Outcome, find, replacement);
        OpenQuestion = Moderation.RedactionText.ApplyOptional(OpenQuestion, find, replacement);
        Region = Moderation.RedactionText.ApplyOptional(Region, find, replacement);
        Reason = Moderation.RedactionText.ApplyOptional(Reason, find, replacement);
    }

    public bool Carries(string text) => Moderation.RedactionText.AnyContains(text, BodyMarkdown, Title, Summary, Outcome, OpenQuestion, Region, Reason);

    public bool IsCaseEdit => ReplyId is null && FollowUpStatus is null;
    public bool IsFollowUp => FollowUpStatus is not null;

    public static PendingEdit ForCase(int caseId, string authorId, CaseText text, CaseContext context, CaseVisibility visibility,
        DateTime? membersOnlyUntilUtc, IEnumerable<int> tagIds, string? reason, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        AuthorId = authorId,
        CreatedUtc = nowUtc,
        Title = text.Title.Trim(),
        Summary = text.Summary.Trim(),
        BodyMarkdown = text.BodyMarkdown,
        Outcome = string.IsNullOrWhiteSpace(text.Outcome) ? null : text.Outcome.Trim(),
        OpenQuestion = string.IsNullOrWhiteSpace(text.OpenQuestion) ? null : text.OpenQuestion.Trim(),
        SizeBand = context.SizeBand,
        Sector = context.Sector,
        Stage = context.Stage,
        Region = string.IsNullOrWhiteSpace(context.Region) ? null : context.Region.Trim(),
        OkrCyclesRun = context.OkrCyclesRun,
        AuthorRole = context.AuthorRole,
        Visibility = visibility,
        MembersOnlyUntilUtc = membersOnlyUntilUtc,
        TagIds = string.Join(',', tagIds.Distinct()),
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
    };

    /// <param name="mentionedIds">Whom its @mentions name now (<see cref="Notifications.Mentions.LinkAsync"/>).</param>
    public static PendingEdit ForReply(int caseId, int replyId, string authorId, string bodyMarkdown, IReadOnlyCollection<string> mentionedIds,
        DateTime nowUtc)
    {
        var edit = new PendingEdit { CaseId = caseId, ReplyId = replyId, AuthorId = authorId, CreatedUtc = nowUtc, BodyMarkdown = bodyMarkdown };
        edit.FollowMentions(bodyMarkdown, mentionedIds);
        return edit;
    }

    /// <summary>A mentioned member was renamed or erased: the proposed text now reads as a published reply's would.</summary>
    public void FollowMentions(string bodyMarkdown, IReadOnlyCollection<string> mentionedIds)
    {
        BodyMarkdown = bodyMarkdown;
        _mentions.RemoveAll(m => !mentionedIds.Contains(m.MemberId));
        foreach (var id in mentionedIds.Where(id => _mentions.All(m => m.MemberId != id))) _mentions.Add(PendingEditMention.Of(id));
    }

    public static PendingEdit ForFollowUp(int caseId, string authorId, FollowUpStatus status, string bodyMarkdown, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        AuthorId = authorId,
        CreatedUtc = nowUtc,
        FollowUpStatus = status,
        BodyMarkdown = bodyMarkdown,
    };

    public CaseText Text => new(Title ?? "", Summary ?? "", BodyMarkdown, Outcome, OpenQuestion);

    public IReadOnlyList<int> Tags => (TagIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    /// <summary>The text as one document, for the moderators' diff against the published version.</summary>
    public string Document => IsCaseEdit ? TextDiff.Document(Title ?? "", Summary ?? "", BodyMarkdown, Outcome, OpenQuestion) : BodyMarkdown;

    /// <summary>Publishes the case edit (the author is the editor of the new revision).</summary>
    public CaseRevision ApplyTo(Case @case, Func<string, RenderedMarkdown> render, DateTime nowUtc)
    {
        var revision = @case.Edit(AuthorId, Text, render(BodyMarkdown),
            new CaseContext(SizeBand!.Value, Sector!.Value, Stage!.Value, Region, OkrCyclesRun, AuthorRole!.Value), Tags, Reason, nowUtc);
        @case.SetVisibility(Visibility!.Value, MembersOnlyUntilUtc);
        return revision;
    }

    /// <summary>Publishes the follow-up on the case, dated now.</summary>
    public FollowUp AddTo(Case @case, Func<string, RenderedMarkdown> render, DateTime nowUtc) =>
        @case.AddFollowUp(AuthorId, FollowUpStatus!.Value, BodyMarkdown, render(BodyMarkdown), nowUtc);

    public ReplyRevision ApplyTo(Reply reply, Func<string, RenderedMarkdown> render, DateTime nowUtc) =>
        reply.Edit(AuthorId, BodyMarkdown, render(BodyMarkdown), nowUtc);

    /// <summary>Shows the proposed edit in the form again, so the author goes on from what they proposed.</summary>
    public void FillForm(CaseInput input, IReadOnlyDictionary<int, Taxonomy.TagKind> kinds)
    {
        (input.Title, input.Summary, input.Body, input.Outcome, input.OpenQuestion) = (Title ?? "", Summary ?? "", BodyMarkdown, Outcome, OpenQuestion);
        (input.SizeBand, input.Sector, input.Stage, input.Region, input.OkrCyclesRun, input.AuthorRole) = (SizeBand, Sector, Stage, Region, OkrCyclesRun, AuthorRole);
        input.Visibility = Visibility ?? input.Visibility;
        input.MembersOnlyUntil = MembersOnlyUntilUtc is { } u ? DateOnly.FromDateTime(u) : null;
        input.EditReason = Reason;
        var tags = Tags.Where(kinds.ContainsKey).ToList();
        List<int> Of(Taxonomy.TagKind kind) => tags.Where(t => kinds[t] == kind).ToList();
        (input.DriftTagIds, input.TensionTagIds, input.SymptomTagIds, input.SafeguardTagIds) =
            (Of(Taxonomy.TagKind.DriftType), Of(Taxonomy.TagKind.Tension), Of(Taxonomy.TagKind.Symptom), Of(Taxonomy.TagKind.Safeguard));
    }
}
