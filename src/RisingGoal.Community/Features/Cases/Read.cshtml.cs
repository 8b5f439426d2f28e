using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[EnableRateLimiting(RateLimits.Reply)]
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class ReadModel(CommunityDbContext db, CaseReader reader, CaseForm form, Reactions reactions, TimeProvider clock,
    TrustPolicy trust, WritePolicy writes, IStringLocalizer<Strings> S, CaseCache caseCache, CachingOptions caching,
    PendingEdits pendingEdits, Notifications.ReadTracking reading, Notifications.Mentions mentions) : PageModel, Shared.IMemberPageVariant
{
    /// <summary>
    /// A member's own part of a page shared with other members (<see cref="RepliesCacheKey"/> set: not staff, nothing of
    /// theirs on it): their three marks and where their unread replies start. Null when the page is theirs alone.
    /// </summary>
    public string? MemberVariant { get; private set; }

    [BindProperty] public ReplyInput Reply { get; set; } = new();

    public CaseView Case { get; private set; } = null!;

    /// <summary>
    /// The replies on this page of the discussion (<see cref="ReplyPages"/>), in the order the reader asked for: the
    /// discussion's own, or "most helpful" first (paged in that order; permalinks always follow the discussion's order).
    /// </summary>
    public IReadOnlyList<CaseReplyRow> Replies { get; private set; } = [];

    /// <summary>Which page of the discussion this is (1 shows the case itself), out of <see cref="PageCount"/>.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>The URL of another page of this discussion (page 1 is the case's own URL).</summary>
    public string PageUrl(int number) => CaseUrls.Read(Case.Id, Case.Slug, number, SortHelpful ? HelpfulOrder.Key : null);

    /// <summary>Where a reply of this discussion is: its anchor when it is on this page, its permalink otherwise.</summary>
    public string ReplyUrl(int replyId) => Replies.Any(r => r.Id == replyId)
        ? "#" + CaseUrls.ReplyAnchor(replyId)
        : CaseUrls.Reply(Case.Id, replyId);

    /// <summary>Set when a suspended member tried to reply: shown above the reply form.</summary>
    public SuspensionNotice? Suspension { get; private set; }

    public bool IsStaff => User.IsModerator();

    /// <summary>For a signed-in member who read this discussion before: the replies new to them and the first of them.</summary>
    public Notifications.ReadingPosition? Reading { get; private set; }

    /// <summary>The signed-in member's own edits on this page awaiting review: shown to them alone, never to other readers.</summary>
    public IReadOnlyList<PendingEdit> MyPendingEdits { get; private set; } = [];

    /// <summary>
    /// Set when the rendered replies are the same for every reader of this kind (not staff, none of the replies
    /// theirs): a long discussion is then rendered once per write, not once per reader (the view's cache tag).
    /// </summary>
    public string? RepliesCacheKey { get; private set; }

    /// <summary><c>?sort=helpful</c>: the discussion's "most helpful" view (see <see cref="HelpfulOrder"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "sort")] public string? Sort { get; set; }

    public bool SortHelpful => Sort == HelpfulOrder.Key;

    /// <summary>The case's author sees a "This helped me" form on others' published replies.</summary>
    public bool MayMarkHelpful(CaseReplyRow reply) =>
        User.MemberId() is { } me && Case.AuthorId == me && reply.AuthorId != me && !reply.Removed && !reply.AwaitingReview;

    /// <summary>What remains of the lifetime of the case's data (read from the database at most one lifetime ago).</summary>
    public TimeSpan RepliesCacheLifetime { get; private set; }

    /// <param name="pageNumber">The query's <c>page</c> (not a handler parameter named <c>page</c>: Razor Pages routes by that name).</param>
    public async Task<IActionResult> OnGetAsync(int id, string? slug, [FromQuery] int? quote, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var generation = caseCache.Generation;   // before reading: a write meanwhile makes this key stale, never the reverse
        var me = User.MemberId();
        var page = await reader.LoadAsync(id, me, IsStaff, Now, ct);
        if (page is null) return NotFound();
        // Keyed by when the data was read, kept only for what remains of its lifetime: the fragment never outlives the
        // read model it was rendered from, and a stale value served during a refresh is not stored at all.
        var number = pageNumber ?? 1;
        // Any other slug goes to the canonical URL (as Stack Exchange does): a redirect never confirms a guessed former title.
        if (slug != page.Slug) return RedirectPermanent(CaseUrls.Read(id, page.Slug, number));
        // Past the end (the discussion got shorter, or a typed URL) or before the start: the nearest page that exists.
        var count = ReplyPages.Count(page.Replies);
        if (number < 1 || number > count) return Redirect(CaseUrls.Read(id, page.Slug, Math.Clamp(number, 1, count)));
        Show(page, number);
        var read = ReadAge.Current;
        RepliesCacheLifetime = read?.Remaining(caching.Duration, clock.GetUtcNow()) ?? caching.Duration;
        // Not for the case's author either: their page carries a "This helped me" form per reply.
        if (caching.Enabled && !IsStaff && RepliesCacheLifetime > TimeSpan.Zero && (me is null || (page.AuthorId != me && Replies.All(r => r.AuthorId != me))))
            RepliesCacheKey = $"replies:{id}:{PageNumber}:{(SortHelpful ? HelpfulOrder.Key : "")}:{System.Globalization.CultureInfo.CurrentUICulture.Name}:{me is not null}:{generation}:{read?.OldestReadUtc?.UtcTicks}";
        if (me is not null)
        {
            if (page.HasMyPendingEdits) MyPendingEdits = await pendingEdits.MineAsync(id, me, ct);
            Reading = await reading.CaseViewedAsync(me, id, page.Replies, ReadThrough(), ct);   // at most one write per view, only when something is new
            if (quote is { } quoted && page.Replies.FirstOrDefault(r => r.Id == quoted && !r.Removed && !r.AwaitingReview) is { } row)
                Reply.Body = await QuotationAsync(row, ct);
            if (RepliesCacheKey is not null && quote is null && MyPendingEdits.Count == 0 && !page.AwaitingReview && !page.Replies.Any(r => r.AwaitingReview))
                MemberVariant = $"{page.Resonated}:{page.Bookmarked}:{page.Following}:{Reading.NewReplies}:{Reading.FirstUnreadReplyId}";
        }
        PageCache.Tag(HttpContext, CaseCacheTags.Case(id));
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, [FromServices] Notifications.NotificationCenter notifications, CancellationToken ct)
    {
        if (User.MemberId() is not { } me) return Challenge();
        var @case = await db.Set<Case>().Where(c => c.Id == id).VisibleTo(true, Now).FirstOrDefaultAsync(ct);
        if (@case is null) return NotFound();
        if (!@case.AcceptsReplies)
            ModelState.AddModelError("Reply.Body", S["This case is locked: it no longer takes replies."]);
        // Lengths first; @mentions become profile links in the rendered text only (the stored Markdown keeps @Name).
        var rendered = ModelState.IsValid ? await form.RenderReplyAsync(Reply.Body, mentions, ModelState, "Reply.Body", ct) : null;
        var decision = await writes.CheckAsync(me, ct, Reply.Body);
        Suspension = decision.Suspension;
        if (!decision.Report(ModelState, "Reply.Body") || !ModelState.IsValid)
        {
            var shown = (await reader.LoadAsync(id, me, IsStaff, Now, ct))!;
            Show(shown, ReplyPages.Count(shown.Replies));   // the last page: where the reply would have appeared
            return Page();
        }
        var reply = @case.AddReply(me, Reply.Body, rendered!, Now)!;
        var held = await trust.ApplyAsync(reply, me, ct);
        db.Add(reply);
        await db.SaveChangesAsync(ct);
        if (!held)
        {
            await reactions.RefreshRepliesAsync(id, added: true, ct);
            await notifications.ReplyPublishedAsync(id, reply.Id, ct);   // in the site, and by e-mail at most once an hour per discussion
        }
        // Straight to the page the new reply is on, the last one (held for review, it sits after the last counted reply).
        var counted = await db.Set<Reply>().CountAsync(r => r.CaseId == id && r.Status != ReplyStatus.Pending, ct);
        var before = held ? counted : counted - 1;
        return Redirect($"{CaseUrls.Read(id, @case.Slug, ReplyPages.Of(before, counted))}#{CaseUrls.ReplyAnchor(reply.Id)}");
    }

    /// <summary>
    /// The last reply this page showed in the discussion's order, so everything before it was on this page or an earlier
    /// one. The "most helpful" order picks replies from anywhere: a member reading it has not read what lies between them,
    /// so it moves the mark only when it shows the whole discussion.
    /// </summary>
    private int ReadThrough()
    {
        if (SortHelpful && PageCount > 1) return 0;
        var shown = Replies.Where(r => !r.AwaitingReview).Select(r => r.Id).DefaultIfEmpty(0);
        return shown.Max();
    }

    private void Show(CaseView page, int number)
    {
        Case = page;
        PageCount = ReplyPages.Count(page.Replies);
        PageNumber = Math.Clamp(number, 1, PageCount);
        Replies = ReplyPages.On(SortHelpful ? HelpfulOrder.Apply(page.Replies) : page.Replies, PageNumber);
    }

    /// <summary>
    /// The "Quote" link of a reply (no JavaScript): the reply box starts with the quoted text and a link back to it, signed
    /// with the reply's byline as the page shows it (a pseudonym stays a pseudonym).
    /// </summary>
    private async Task<string> QuotationAsync(CaseReplyRow row, CancellationToken ct)
    {
        var markdown = await db.Set<Reply>().AsNoTracking().Where(r => r.Id == row.Id && r.Status == ReplyStatus.Published)
            .Select(r => r.BodyMarkdown).FirstOrDefaultAsync(ct) ?? "";
        var quoted = string.Join('\n', markdown.Trim().Split('\n').Take(20).Select(line => "> " + line.TrimEnd('\r')));
        var name = row.By.Name ?? S["Former member"].Value;
        return $"{quoted}\n>\n> — [{name}]({CaseUrls.Reply(Case.Id, row.Id)})\n\n";   // the permalink: the quote may land on another page
    }

    public bool MayChange(string? authorId) => User.MayChange(authorId);

    /// <summary>Signed-in members flag other members' posts (never their own).</summary>
    public bool MayFlag(string? authorId) => User.MemberId() is { } me && authorId != me;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
