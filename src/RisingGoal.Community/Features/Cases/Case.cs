using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// A case of false alignment, told by a member: the opening post of a discussion. When <see cref="Pseudonym"/> is
/// set the case is shown under it and never linked to the author's account.
/// </summary>
public sealed partial class Case
{
    private readonly List<CaseTag> _tags = [];
    private readonly List<Resonance> _resonances = [];

    private Case() { }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    /// <summary>The Markdown and its rendered HTML, stored in their own table (CaseBodies) so lists never read them.</summary>
    public CaseBody Body { get; private set; } = new();
    public string BodyMarkdown => Body.Markdown;
    public string BodyHtml => Body.Html;
    public int RendererVersion => Body.RendererVersion;
    public string? AuthorId { get; private set; }
    public string? Pseudonym { get; private set; }
    /// <summary>The language the case is written in (<see cref="CaseLanguages"/>).</summary>
    public string Language { get; private set; } = CaseLanguages.French;

    public SizeBand SizeBand { get; private set; }
    public Sector Sector { get; private set; }
    public Stage Stage { get; private set; }
    public string? Region { get; private set; }
    public int? OkrCyclesRun { get; private set; }
    public AuthorRole AuthorRole { get; private set; }
    public string? Outcome { get; private set; }
    public string? OpenQuestion { get; private set; }

    public CaseVisibility Visibility { get; private set; }
    /// <summary>A members-only case becomes public after this instant (null: stays members-only).</summary>
    public DateTime? MembersOnlyUntilUtc { get; private set; }
    public CaseStatus Status { get; private set; }

    public DateTime CreatedUtc { get; private set; }
    public DateTime? PublishedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public DateTime LastActivityUtc { get; private set; }
    public int ReplyCount { get; private set; }
    public int ResonanceCount { get; private set; }
    public DateTime? FeaturedUtc { get; private set; }
    public DateTime? LockedUtc { get; private set; }
    public FollowUpStatus? LatestFollowUpStatus { get; private set; }

    /// <summary>The demo-id of a case imported from content/cases (null for members' cases).</summary>
    public string? DemoId { get; private set; }

    /// <summary>Incremented on each change of the case row; an optimistic concurrency token.</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<CaseTag> Tags => _tags;
    /// <summary>Load only the current member's row (filtered include) before calling <see cref="Resonate"/>.</summary>
    public IReadOnlyCollection<Resonance> Resonances => _resonances;

    public bool IsLocked => LockedUtc is not null;
    public bool IsPseudonymous => !string.IsNullOrWhiteSpace(Pseudonym);

    /// <summary>A confirmed member publishes directly (moderation of first posts comes later).</summary>
    public static Case Publish(string authorId, CaseText text, RenderedMarkdown body, CaseContext context,
        string? pseudonym, CaseVisibility visibility, DateTime? membersOnlyUntilUtc, IEnumerable<int> tagIds, DateTime nowUtc)
    {
        var @case = new Case
        {
            AuthorId = authorId,
            Pseudonym = string.IsNullOrWhiteSpace(pseudonym) ? null : pseudonym.Trim(),
            Status = CaseStatus.Published,
            CreatedUtc = nowUtc,
            PublishedUtc = nowUtc,
            LastActivityUtc = nowUtc,
        };
        @case.Apply(text, body, context, nowUtc);
        @case.SetVisibility(visibility, membersOnlyUntilUtc);
        @case.Retag(tagIds);
        return @case;
    }

    /// <summary>A demo case from content/cases: no account behind it, shown under its pseudonym.</summary>
    public static Case PublishDemo(string demoId, string pseudonym, CaseText text, RenderedMarkdown body, CaseContext context,
        IEnumerable<int> tagIds, DateTime publishedUtc)
    {
        var @case = new Case
        {
            DemoId = demoId,
            Pseudonym = pseudonym,
            Status = CaseStatus.Published,
            CreatedUtc = publishedUtc,
            PublishedUtc = publishedUtc,
            LastActivityUtc = publishedUtc,
        };
        @case.Apply(text, body, context, publishedUtc);
        @case.SetVisibility(CaseVisibility.Public, null);
        @case.Retag(tagIds);
        return @case;
    }

    /// <summary>A demo case's tags follow its file (nobody edits a demo case; the file is its source).</summary>
    public void SetDemoTags(IEnumerable<int> tagIds)
    {
        if (DemoId is not null) Retag(tagIds);
    }

    /// <summary>Replaces the text and context, keeping the previous text as a revision; a new title gives a new slug.</summary>
    public CaseRevision Edit(string editorId, CaseText text, RenderedMarkdown body, CaseContext context, IEnumerable<int> tagIds,
        string? reason, DateTime nowUtc)
    {
        var revision = CaseRevision.Of(this, editorId, reason, nowUtc);
        Apply(text, body, context, nowUtc);
        Retag(tagIds);
        LastActivityUtc = nowUtc;
        return revision;
    }

    public void SetVisibility(CaseVisibility visibility, DateTime? membersOnlyUntilUtc)
    {
        Visibility = visibility;
        MembersOnlyUntilUtc = visibility == CaseVisibility.MembersOnly ? membersOnlyUntilUtc : null;
        Version++;
    }

    /// <summary>Soft delete: the page shows a tombstone; idempotent.</summary>
    public void Delete(DateTime nowUtc)
    {
        if (Status == CaseStatus.Deleted) return;
        Status = CaseStatus.Deleted;
        UpdatedUtc = nowUtc;
        Version++;
    }

    public void Lock(DateTime nowUtc)
    {
        if (IsLocked) return;
        LockedUtc = nowUtc;
        Version++;
    }

    public void Unlock()
    {
        if (!IsLocked) return;
        LockedUtc = null;
        Version++;
    }

    public void Feature(DateTime nowUtc)
    {
        FeaturedUtc ??= nowUtc;
        Version++;
    }

    /// <summary>
    /// The same Markdown through the current renderer (<see cref="StoredBodies"/>): not an edit, so no revision and no
    /// new UpdatedUtc, but a new <see cref="Version"/> so that a concurrent edit and this pass cannot both win.
    /// </summary>
    public void Rerender(Func<string, RenderedMarkdown> render)
    {
        Body.Replace(Body.Markdown, render(Body.Markdown));
        Version++;
    }

    private void Apply(CaseText text, RenderedMarkdown body, CaseContext context, DateTime nowUtc)
    {
        Slug = Slugs.From(text.Title);
        Title = text.Title.Trim();
        Summary = text.Summary.Trim();
        if (CaseLanguages.Normalize(text.Language) is { } language) Language = language;
        Body.Replace(text.BodyMarkdown, body);
        Outcome = string.IsNullOrWhiteSpace(text.Outcome) ? null : text.Outcome.Trim();
        OpenQuestion = string.IsNullOrWhiteSpace(text.OpenQuestion) ? null : text.OpenQuestion.Trim();
        SizeBand = context.SizeBand;
        Sector = context.Sector;
        Stage = context.Stage;
        Region = string.IsNullOrWhiteSpace(context.Region) ? null : context.Region.Trim();
        OkrCyclesRun = context.OkrCyclesRun;
        AuthorRole = context.AuthorRole;
        UpdatedUtc = nowUtc;
        Version++;
    }

    private void Retag(IEnumerable<int> tagIds)
    {
        var wanted = tagIds.Distinct().ToHashSet();
        _tags.RemoveAll(t => !wanted.Contains(t.TagId));
        foreach (var id in wanted.Where(id => _tags.All(t => t.TagId != id)))
            _tags.Add(new CaseTag(Id, id));
    }
}
