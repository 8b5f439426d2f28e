using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>
/// A published case (or one held for review), written as the app writes it: <see cref="Case.Publish"/>, the body through
/// the app's renderer, SaveChanges. Tags named by slug are created (as tensions, unless a kind is given) when missing.
/// </summary>
public sealed class CaseBuilder : ITestData<Case>
{
    public const string DefaultBody = "Le programme tournait bien.";

    private ITestData<Member>? _authorBuilder;
    private string? _authorId;
    private string _title = "Des OKR propres, une tension intacte";
    private string _summary = "Un résumé du cas.";
    private string _body = DefaultBody;
    private string? _outcome;
    private string? _openQuestion;
    private string? _pseudonym;
    private CaseVisibility _visibility = CaseVisibility.Public;
    private CaseContext _context = new(SizeBand.From51To200, Sector.Software, Stage.ScaleUp, null, 2, AuthorRole.Coach);
    private DateTime? _publishedUtc;
    private bool _pending;
    private readonly List<(string Slug, TagKind Kind)> _tagSlugs = [];
    private readonly List<int> _tagIds = [];
    private Action<Case>? _change;
    private int _replies;
    private FollowUpStatus? _followUp;
    private string _followUpBody = "Suite.";
    private DateTime? _activityUtc;
    private readonly List<string> _followers = [];

    public CaseBuilder By(Member author) { _authorId = author.Id; return this; }
    public CaseBuilder By(string authorId) { _authorId = authorId; return this; }
    /// <summary>The author is made with the case.</summary>
    public CaseBuilder By(MemberBuilder author) { _authorBuilder = author; return this; }
    public CaseBuilder Titled(string title) { _title = title; return this; }
    public CaseBuilder Summarised(string summary) { _summary = summary; return this; }
    public CaseBuilder Saying(string bodyMarkdown) { _body = bodyMarkdown; return this; }
    public CaseBuilder Concluding(string? outcome, string? openQuestion) { _outcome = outcome; _openQuestion = openQuestion; return this; }
    public CaseBuilder UnderPseudonym(string? pseudonym) { _pseudonym = pseudonym; return this; }
    public CaseBuilder Visible(CaseVisibility visibility) { _visibility = visibility; return this; }
    public CaseBuilder In(CaseContext context) { _context = context; return this; }
    /// <summary>The context's free-text region (where a member may name a town or a company).</summary>
    public CaseBuilder InRegion(string region) { _context = _context with { Region = region }; return this; }
    public CaseBuilder PublishedAt(DateTime utc) { _publishedUtc = utc; return this; }
    /// <summary>Held for review, as the trust policy holds a new member's first case.</summary>
    public CaseBuilder Pending() { _pending = true; return this; }
    public CaseBuilder Tagged(params string[] slugs) => Tagged(TagKind.Tension, slugs);
    public CaseBuilder Tagged(TagKind kindIfNew, params string[] slugs) { _tagSlugs.AddRange(slugs.Select(s => (s, kindIfNew))); return this; }
    public CaseBuilder Tagged(params int[] tagIds) { _tagIds.AddRange(tagIds); return this; }
    /// <summary>Any other change through the entity's own methods, before the case is saved.</summary>
    public CaseBuilder With(Action<Case> change) { _change += change; return this; }
    /// <summary>
    /// A discussion already under way: <paramref name="count"/> published replies by the author, written at
    /// <paramref name="atUtc"/> (default: when published), the reply count and last activity set as the reply handler
    /// leaves them. Replies by others, one at a time and at the clock's time: <c>A.Reply()</c>.
    /// </summary>
    public CaseBuilder WithReplies(int count, DateTime? atUtc = null) { _replies = count; _activityUtc = atUtc ?? _activityUtc; return this; }
    /// <summary>A follow-up by the author with that status, at <paramref name="atUtc"/> (default: when published), saying <paramref name="saying"/>.</summary>
    public CaseBuilder WithFollowUp(FollowUpStatus status, DateTime? atUtc = null, string saying = "Suite.")
    {
        _followUp = status;
        _followUpBody = saying;
        _activityUtc = atUtc ?? _activityUtc;
        return this;
    }
    /// <summary>Followed by those members (told of its replies), through the follow button's own service, at the clock's time.</summary>
    public CaseBuilder FollowedBy(params Member[] members) { _followers.AddRange(members.Select(m => m.Id)); return this; }

    public async Task<Case> CreateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var @case = await BuildAsync(services, scope.ServiceProvider);
        db.Add(@case);
        await db.SaveChangesAsync();
        foreach (var memberId in _followers.Distinct())
            await scope.ServiceProvider.GetRequiredService<Reactions>().SetFollowAsync(@case.Id, memberId, on: true, default);
        if (_replies > 0 || _followUp is not null)
            await AddDiscussionAsync(db, scope.ServiceProvider.GetRequiredService<MarkdownRenderer>(), @case, _activityUtc ?? @case.CreatedUtc);
        return @case;
    }

    /// <summary>
    /// The case as the composer's handler holds it before saving (body rendered, tags made), never saved: for the
    /// services that decide before the save (the trust policy).
    /// </summary>
    public async Task<Case> DraftAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return await BuildAsync(services, scope.ServiceProvider);
    }

    private async Task<Case> BuildAsync(IServiceProvider services, IServiceProvider scoped)
    {
        var authorId = _authorId ?? (await (_authorBuilder ?? A.Member()).CreateAsync(services)).Id;
        var db = scoped.GetRequiredService<CommunityDbContext>();
        var now = _publishedUtc ?? scoped.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var @case = Case.Publish(authorId, new CaseText(_title, _summary, _body, _outcome, _openQuestion),
            scoped.GetRequiredService<MarkdownRenderer>().Render(_body), _context,
            _pseudonym, _visibility, null, _tagIds.Concat(await TagsBySlug.IdsAsync(db, _tagSlugs)).Distinct().ToList(), now);
        if (_pending) @case.HoldForReview();
        _change?.Invoke(@case);
        return @case;
    }

    private async Task AddDiscussionAsync(CommunityDbContext db, MarkdownRenderer renderer, Case @case, DateTime atUtc)
    {
        const string reply = "Une réponse.";
        for (var i = 0; i < _replies; i++)
            db.Add(@case.AddReply(@case.AuthorId!, reply, renderer.Render(reply), atUtc) ?? throw new InvalidOperationException("The case takes no reply."));
        if (_followUp is { } status) db.Add(@case.AddFollowUp(@case.AuthorId!, status, _followUpBody, renderer.Render(_followUpBody), atUtc));
        await db.SaveChangesAsync();
        var count = _replies;
        if (count > 0)   // replies do not touch the case row: the counters are recomputed, as the reply handler does
            await db.Set<Case>().Where(c => c.Id == @case.Id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.ReplyCount, count).SetProperty(c => c.LastActivityUtc, atUtc));
    }
}
