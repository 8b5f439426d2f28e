using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Web;

namespace RisingGoal.Community.Features.Cases;

[EnableRateLimiting(RateLimits.Reply)]
[OutputCache(PolicyName = PageCache.Policy)]
public sealed class ReadModel(CasePageQuery query, IStringLocalizer<Strings> S) : PageModel, Shared.IMemberPageVariant, Shared.IMemberPageHoles
{
    /// <summary>
    /// A member's own part of a page shared with other members (<see cref="RepliesCacheKey"/> set: not staff, not their
    /// case, nothing pending on it): their three marks and where their unread replies start. Null when the page is theirs alone.
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
    /// theirs, or their parts as holes): a long discussion is then rendered once per write, not once per reader (the
    /// view's cache tag).
    /// </summary>
    public string? RepliesCacheKey { get; private set; }

    /// <summary><c>?sort=helpful</c>: the discussion's "most helpful" view (see <see cref="HelpfulOrder"/>).</summary>
    public string? Sort { get; private set; }

    public bool SortHelpful => Sort == HelpfulOrder.Key;

    /// <summary>The case's author sees a "This helped me" form on others' published replies.</summary>
    public bool MayMarkHelpful(CaseReplyRow reply) =>
        User.MemberId() is { } me && Case.AuthorId == me && reply.AuthorId != me && !reply.Removed && !reply.AwaitingReview;

    /// <summary>What remains of the lifetime of the case's data (read from the database at most one lifetime ago).</summary>
    public TimeSpan RepliesCacheLifetime { get; private set; }

    /// <summary>
    /// The address's values are read by hand, not model-bound: binding them was 3 % of a member's case page
    /// (bench/results/2026-12-03-profile-member-tag.md). As binding did, a value that is not a number counts as absent.
    /// </summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var id = int.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture);   // the route's int constraint
        var slug = RouteData.Values["slug"] as string;
        Sort = Request.Query["sort"].FirstOrDefault();
        var (quote, pageNumber) = (QueryNumber("quote"), QueryNumber("page"));
        var answer = await query.LoadAsync(new CasePageRequest(id, slug, pageNumber, quote, SortHelpful, User.MemberId(), IsStaff,
            Shared.MemberHoles.Active(HttpContext)), ct);
        if (answer.RedirectTo is { } to) return answer.Permanent ? RedirectPermanent(to) : Redirect(to);
        if (answer.Content is not { } content) return NotFound();
        Show(content);
        (Reading, MyPendingEdits, RepliesCacheKey, RepliesCacheLifetime, MemberVariant) =
            (content.Reading, content.MyPendingEdits, content.RepliesCacheKey, content.RepliesCacheLifetime, content.MemberVariant);
        if (content.Quotation is { } quotation) Reply.Body = quotation;
        PageCache.Tag(HttpContext, CaseCacheTags.Case(id));
        return Page();
    }

    private int? QueryNumber(string key) =>
        int.TryParse(Request.Query[key].FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : null;

    public async Task<IActionResult> OnPostReplyAsync(int id, [FromServices] ReplyPosting posting, CancellationToken ct)
    {
        Sort = Request.Query["sort"].FirstOrDefault();
        if (User.MemberId() is not { } me) return Challenge();
        var posted = await posting.PostAsync(id, me, Reply.Body, ModelState, ct);
        if (!posted.Found) return NotFound();
        if (posted.RedirectTo is { } to) return Redirect(to);
        Suspension = posted.Suspension;
        Show(await query.LastPageAsync(id, me, IsStaff, SortHelpful, ct));   // the last page: where the reply would have appeared
        return Page();
    }

    private void Show(CasePageContent content) =>
        (Case, Replies, PageNumber, PageCount) = (content.Case, content.Replies, content.PageNumber, content.PageCount);

    /// <summary>
    /// A reply's own links ("Edit" for its author, "Flag" for other members): on a page shared by members, a hole filled
    /// per request (<see cref="FillHole"/>), so that one member's edit links never reach another; otherwise the view
    /// writes them.
    /// </summary>
    public bool HolesActive => Shared.MemberHoles.Active(HttpContext);

    public string HoleKey(CaseReplyRow reply) => reply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void FillHole(string key, IBufferWriter<byte> into)
    {
        if (int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id) && ReplyOnPage(id) is { } reply)
            WriteReplyActions(reply, into);
    }

    /// <summary>Where the last hole's reply was: holes come in the page's order, so the next one is found at once.</summary>
    private int _holeCursor;

    private CaseReplyRow? ReplyOnPage(int id)
    {
        for (var n = 0; n < Replies.Count; n++)
        {
            var i = (_holeCursor + n) % Replies.Count;
            if (Replies[i].Id != id) continue;
            _holeCursor = i + 1;
            return Replies[i];
        }
        return null;
    }

    /// <summary>Who reads, once per request: a page asks for every reply (50 holes a page).</summary>
    private (string? Me, bool Moderator)? _reader;

    private (string? Me, bool Moderator) Reader => _reader ??= (User.MemberId(), User.IsModerator());

    /// <summary>The two links' words, encoded once per request.</summary>
    private (byte[] Edit, byte[] Flag)? _actionWords;

    /// <summary>
    /// The links the view writes when holes are off (no space between, as Razor gives them in the actions line; the
    /// line's dots are drawn by the stylesheet), so a filled page reads the same. Written here because a hole is filled
    /// after rendering: only ids and encoded strings go in, as UTF-8 straight into the page's buffer (a string per hole
    /// and its bytes were most of a kept case page's allocations).
    /// </summary>
    private void WriteReplyActions(CaseReplyRow reply, IBufferWriter<byte> into)
    {
        var (editWord, flagWord) = _actionWords ??= (
            Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(S["Edit"].Value)),
            Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(S["Flag"].Value)));
        if (MayChange(reply.AuthorId))
        {
            into.Write("<span><a href=\"/cases/"u8);
            WriteNumber(into, Case.Id);
            into.Write("/replies/"u8);
            WriteNumber(into, reply.Id);
            into.Write("/edit\">"u8);
            into.Write(editWord);
            into.Write("</a></span>"u8);
        }
        if (MayFlag(reply.AuthorId, reply.AwaitingReview))
        {
            into.Write("<span><a class=\"flag-link\" href=\"/flag/reply/"u8);
            WriteNumber(into, reply.Id);
            into.Write("\" rel=\"nofollow\">"u8);
            into.Write(flagWord);
            into.Write("</a></span>"u8);
        }
    }

    private static void WriteNumber(IBufferWriter<byte> into, int number)
    {
        number.TryFormat(into.GetSpan(11), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        into.Advance(written);
    }

    public bool MayChange(string? authorId) => CasePrincipal.MayChange(Reader.Me, Reader.Moderator, authorId);

    public bool MayFlag(string? authorId, bool awaitingReview) => CasePrincipal.MayFlag(Reader.Me, authorId, awaitingReview);
}
