using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

/// <summary>What a reader asked for: the case, which page of its discussion, in which order, quoting which reply.</summary>
/// <param name="Holes">The member's own parts (their replies' edit links) are holes filled per request (<see cref="Shared.MemberHoles"/>).</param>
public sealed record CasePageRequest(int Id, string? Slug, int? PageNumber, int? Quote, bool SortHelpful, string? MemberId, bool Staff, bool Holes);

/// <summary>Everything the case page shows one reader (see <see cref="ReadModel"/>'s properties of the same names).</summary>
public sealed record CasePageContent(CaseView Case, IReadOnlyList<CaseReplyRow> Replies, int PageNumber, int PageCount)
{
    public Notifications.ReadingPosition? Reading { get; init; }
    public IReadOnlyList<PendingEdit> MyPendingEdits { get; init; } = [];
    public string? Quotation { get; init; }
    public string? RepliesCacheKey { get; init; }
    public TimeSpan RepliesCacheLifetime { get; init; }
    public string? MemberVariant { get; init; }
}

/// <summary>The case page's answer: its content, or where to go instead (both null: not found).</summary>
public sealed record CasePageAnswer(CasePageContent? Content, string? RedirectTo = null, bool Permanent = false);

/// <summary>
/// The reads of the case page (issue 20): the case and its replies for this reader, the page of the discussion, the
/// reader's unread position (recorded, at most one write per view), pending edits and quotation, and whether the
/// rendered replies and the whole page may be shared with other readers.
/// </summary>
public sealed class CasePageQuery(OnDemandDb data, CaseReader reader, PendingEdits pendingEdits, Notifications.ReadTracking reading,
    CaseCache caseCache, CachingOptions caching, TimeProvider clock, IStringLocalizer<Strings> S)
{
    /// <summary>Built only for a quotation: a page served from the caches needs none.</summary>
    private CommunityDbContext db => data.Context;

    public async Task<CasePageAnswer> LoadAsync(CasePageRequest request, CancellationToken ct)
    {
        var (id, me) = (request.Id, request.MemberId);
        // Before reading: a write meanwhile makes this key stale, never the reverse. Visitors' fragments follow only the
        // writes they can see, as their read model does: a members-only write re-rendering them was an oracle.
        var generation = me is null ? caseCache.VisitorGeneration : caseCache.Generation;
        var page = await reader.LoadAsync(id, me, request.Staff, clock.GetUtcNow().UtcDateTime, ct);
        if (page is null) return new CasePageAnswer(null);
        var number = request.PageNumber ?? 1;
        // Any other slug goes to the canonical URL (as Stack Exchange does): a redirect never confirms a guessed former title.
        if (request.Slug != page.Slug) return new CasePageAnswer(null, Canonical(request, page.Slug, number), Permanent: true);
        // Past the end (the discussion got shorter, or a typed URL) or before the start: the nearest page that exists.
        var count = ReplyPages.Count(page.Replies);
        if (number < 1 || number > count) return new CasePageAnswer(null, Canonical(request, page.Slug, Math.Clamp(number, 1, count)));
        var content = Paged(page, number, request.SortHelpful);

        // Keyed by when the data was read, kept only for what remains of its lifetime: the fragment never outlives the
        // read model it was rendered from, and a stale value served during a refresh is not stored at all.
        var read = ReadAge.Current;
        var lifetime = read?.Remaining(caching.Duration, clock.GetUtcNow()) ?? caching.Duration;
        // Not for the case's author (a "This helped me" form per reply), nor with a pending reply on the page (only ever
        // the reader's own), nor for a member whose replies are on the page unless their edit links are holes.
        var shared = caching.Enabled && !request.Staff && lifetime > TimeSpan.Zero && !content.Replies.Any(r => r.AwaitingReview)
            && (me is null || (page.AuthorId != me && (request.Holes || content.Replies.All(r => r.AuthorId != me))));
        content = content with
        {
            RepliesCacheLifetime = lifetime,
            RepliesCacheKey = shared
                ? $"replies:{id}:{content.PageNumber}:{(request.SortHelpful ? HelpfulOrder.Key : "")}:{CultureInfo.CurrentUICulture.Name}:{me is not null}{(request.Holes ? ":holes" : "")}:{generation}:{read?.OldestReadUtc?.UtcTicks}"
                : null,
        };
        if (me is null) return new CasePageAnswer(content);

        IReadOnlyList<PendingEdit> mine = page.HasMyPendingEdits ? await pendingEdits.MineAsync(id, me, ct) : [];
        // Read with the marks (no query of its own); at most one write per view, only when something is new.
        var position = await reading.CaseViewedAsync(me, id, page.Replies, ReadThrough(content, request.SortHelpful), page.MemberReading!, ct);
        var quoted = request.Quote is { } q ? page.Replies.FirstOrDefault(r => r.Id == q && !r.Removed && !r.AwaitingReview) : null;
        // The member's marks and unread position are the page's own part; pending posts (only ever their own) keep it theirs alone.
        var variant = shared && request.Quote is null && mine.Count == 0 && !page.AwaitingReview && !page.Replies.Any(r => r.AwaitingReview)
            ? $"{page.Resonated}:{page.Bookmarked}:{page.Following}:{position.NewReplies}:{position.FirstUnreadReplyId}"
            : null;
        return new CasePageAnswer(content with
        {
            MyPendingEdits = mine,
            Reading = position,
            Quotation = quoted is null ? null : await QuotationAsync(page, quoted, ct),
            MemberVariant = variant,
        });
    }

    /// <summary>The discussion's last page, where a reply that could not be posted would have appeared (no reading recorded).</summary>
    public async Task<CasePageContent> LastPageAsync(int id, string me, bool staff, bool sortHelpful, CancellationToken ct)
    {
        var page = (await reader.LoadAsync(id, me, staff, clock.GetUtcNow().UtcDateTime, ct))!;
        return Paged(page, ReplyPages.Count(page.Replies), sortHelpful);
    }

    private static CasePageContent Paged(CaseView page, int number, bool sortHelpful)
    {
        var count = ReplyPages.Count(page.Replies);
        var shown = Math.Clamp(number, 1, count);
        return new CasePageContent(page, ReplyPages.On(sortHelpful ? HelpfulOrder.Apply(page.Replies) : page.Replies, shown), shown, count);
    }

    /// <summary>
    /// The last reply this page showed in the discussion's order, so everything before it was on this page or an earlier
    /// one. The "most helpful" order picks replies from anywhere: a member reading it has not read what lies between them,
    /// so it moves the mark only when it shows the whole discussion.
    /// </summary>
    private static int ReadThrough(CasePageContent content, bool sortHelpful)
    {
        if (sortHelpful && content.PageCount > 1) return 0;
        return content.Replies.Where(r => !r.AwaitingReview).Select(r => r.Id).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// The case's own address for a redirect: what the reader asked of the page (its number, the order of the replies, a
    /// quotation), read from the parsed request, never copied from the query (nothing else of it, no open redirect).
    /// </summary>
    private static string Canonical(CasePageRequest request, string slug, int number)
    {
        var url = CaseUrls.Read(request.Id, slug, number, request.SortHelpful ? HelpfulOrder.Key : null);
        return request.Quote is not { } quote ? url
            : url + (url.Contains('?') ? "&" : "?") + "quote=" + quote.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The "Quote" link of a reply (no JavaScript): the reply box starts with the quoted text and a link back to it, signed
    /// with the reply's byline as the page shows it (a pseudonym stays a pseudonym).
    /// </summary>
    private async Task<string> QuotationAsync(CaseView page, CaseReplyRow row, CancellationToken ct)
    {
        var markdown = await db.Set<Reply>().AsNoTracking().Where(r => r.Id == row.Id && r.Status == ReplyStatus.Published)
            .Select(r => r.BodyMarkdown).FirstOrDefaultAsync(ct) ?? "";
        var quoted = string.Join('\n', markdown.Trim().Split('\n').Take(20).Select(line => "> " + line.TrimEnd('\r')));
        var name = row.By.Name ?? S["Former member"].Value;
        return $"{quoted}\n>\n> — [{name}]({CaseUrls.Reply(page.Id, row.Id)})\n\n";   // the permalink: the quote may land on another page
    }
}
