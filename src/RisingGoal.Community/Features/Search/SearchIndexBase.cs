using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// What both indexes share: which rows are indexed (published ones only) and the plain text they hold. Entry keys are
/// derived from the ids (case: 2·id, reply: 2·id+1) so an entry is replaced in place. Providers only store and query.
/// </summary>
public abstract class SearchIndexBase : ISearchIndex
{
    public abstract Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct);

    public abstract Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct);

    /// <summary>
    /// The provider's full-text matches for the words, or null when nothing is searchable: composable SQL, in no order
    /// and unbounded; <see cref="Window"/> keeps the ones the reader may see and bounds them. Ranked here, not by the
    /// provider (<see cref="SearchAsync"/>).
    /// </summary>
    protected abstract IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms);

    /// <summary>
    /// Matches of the words as whole words (plural endings allowed), tried before <see cref="Matches"/> when a provider
    /// has them; null when it has not. When they alone fill the window, the prefix matches are not read: a common word
    /// then costs a bounded walk instead of merging every word that starts with it. Fewer than the window (a rare word,
    /// a word typed in part) and the prefix matches are read as before.
    /// </summary>
    protected virtual IQueryable<SearchMatch>? WholeWordMatches(CommunityDbContext db, IReadOnlyList<string> terms) => null;

    /// <summary>Which of <paramref name="keys"/> the index holds.</summary>
    protected abstract Task<List<long>> PresentAsync(CommunityDbContext db, long[] keys, CancellationToken ct);

    /// <summary>
    /// At most <paramref name="limit"/> matches, the newest first (highest keys), so that a word found in half the corpus
    /// costs a bounded amount of work, taken only among the entries the reader may see: a case visible to them, a
    /// published reply on one. Taken among all entries, members-only cases (for a visitor) filled the window and pushed
    /// the cases they may see out of their results, which told them members were discussing the word. The provider walks
    /// its matches newest first and looks each one's case up by primary key until the window is full.
    /// </summary>
    private static IQueryable<SearchMatch> Window(CommunityDbContext db, IQueryable<SearchMatch> matches, SearchRequest request, int limit)
    {
        var cases = db.Set<Case>().VisibleTo(request.SignedIn, request.NowUtc);
        var replies = db.Set<Reply>().Where(r => r.Status == ReplyStatus.Published);
        return matches
            .Where(m => (m.Key % 2 == 0 && cases.Any(c => c.Id == (int)(m.Key / 2)))
                || (m.Key % 2 == 1 && replies.Any(r => r.Id == (int)(m.Key / 2) && cases.Any(c => c.Id == r.CaseId))))
            .OrderByDescending(m => m.Key).Take(limit);
    }

    /// <summary>Snippet and marked title of the given entries only: costly, so made for the page shown, never per match.</summary>
    protected abstract Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct);

    protected abstract Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct);

    protected abstract Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct);

    protected abstract Task ClearAsync(CommunityDbContext db, CancellationToken ct);

    public async Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct)
    {
        // The full-text query runs once: it is the costly part for a common word. One more than the cap tells
        // "capped" apart from "exactly the cap".
        if (Matches(db, request.Terms) is not { } query) return new SearchResults(0, []);
        var windowSize = request.MaxCandidates + 1;
        var matches = WholeWordMatches(db, request.Terms) is { } wholeWords
            ? await Window(db, wholeWords, request, windowSize).ToListAsync(ct)
            : [];
        if (matches.Count < windowSize) matches = await Window(db, query, request, windowSize).ToListAsync(ct);
        var capped = matches.Count > request.MaxCandidates;
        if (capped) matches = matches.Take(request.MaxCandidates).ToList();
        if (matches.Count == 0) return new SearchResults(0, []);

        // The live tables decide what may be seen now (again: the window saw the same rows), and the filters apply.
        var replyIds = matches.Where(m => m.Key % 2 == 1).Select(m => (int)(m.Key / 2)).ToList();
        var replyCases = replyIds.Count == 0 ? [] : await db.Set<Reply>().AsNoTracking()
            // One array parameter (json_each on SQLite, = ANY on PostgreSQL), not one parameter per id: up to 2,000
            // parameters made a new statement to prepare for every search (15-30 ms each at full size).
            .Where(r => EF.Parameter(replyIds).Contains(r.Id) && r.Status == ReplyStatus.Published)
            .Select(r => new { r.Id, r.CaseId })
            .ToDictionaryAsync(r => r.Id, r => r.CaseId, ct);
        var hitsByKey = matches
            .Select(m => m.Key % 2 == 0
                ? (m.Rank, CaseId: (int)(m.Key / 2), ReplyId: (int?)null)
                : (m.Rank, CaseId: replyCases.GetValueOrDefault((int)(m.Key / 2)), ReplyId: (int?)(int)(m.Key / 2)))
            .Where(m => m.CaseId != 0)
            .ToList();
        var caseIds = hitsByKey.Select(m => m.CaseId).Distinct().ToList();
        var cases = db.Set<Case>().AsNoTracking().VisibleTo(request.SignedIn, request.NowUtc).Where(c => EF.Parameter(caseIds).Contains(c.Id));
        if (request.TensionId is { } tension) cases = cases.WithTag(tension);
        if (request.DriftId is { } drift) cases = cases.WithTag(drift);
        var context = request.Context;
        if (context.Size is { } size) cases = cases.Where(c => c.SizeBand == size);
        if (context.Sector is { } sector) cases = cases.Where(c => c.Sector == sector);
        if (context.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (context.Role is { } role) cases = cases.Where(c => c.AuthorRole == role);
        if (context.FromUtc is { } from) cases = cases.Where(c => c.PublishedUtc >= from);
        if (context.ToUtc is { } to) cases = cases.Where(c => c.PublishedUtc < to);
        var visibleCases = await cases.Select(c => new { c.Id, c.Slug, c.Title, c.Summary, c.PublishedUtc, c.Language }).ToDictionaryAsync(c => c.Id, ct);

        // Relevance among the candidates, the same on every provider and bounded by their number: a word in a case's
        // title weighs 10, in its summary 4, elsewhere 1 (the weights bm25 had). No bm25 nor ts_rank: they read every
        // match of the word in the whole index (its frequency), which for a common word cost 0.3 s per query.
        double Relevance(int? replyId, string title, string summary) => replyId is not null ? -request.Terms.Count
            : -(10 * Snippets.MatchedTerms(title, request.Terms) + 4 * Snippets.MatchedTerms(summary, request.Terms) + request.Terms.Count);
        var visible = hitsByKey.Where(m => visibleCases.ContainsKey(m.CaseId))
            .Select(m => (m.ReplyId, Case: visibleCases[m.CaseId]))
            .Select(m => (Rank: Relevance(m.ReplyId, m.Case.Title, m.Case.Summary), m.ReplyId, m.Case))
            .OrderBy(x => x.Rank).ThenByDescending(x => x.Case.PublishedUtc).ThenBy(x => x.ReplyId ?? -1)
            .ToList();
        // "More than" only about what the reader may see: matches past the cap that are all invisible to them
        // (members-only, for a visitor) must not announce themselves.
        capped &= visible.Count > 0;
        var page = visible.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        if (page.Count == 0) return new SearchResults(visible.Count, []) { Capped = capped };

        long Key(int caseId, int? replyId) => replyId is { } r ? ReplyKey(r) : CaseKey(caseId);
        var marks = await MarksAsync(db, request.Terms, page.Select(p => Key(p.Case.Id, p.ReplyId)).ToArray(), ct);
        var hits = page.Select(p => marks.TryGetValue(Key(p.Case.Id, p.ReplyId), out var mark)
                ? new SearchHit(p.Case.Id, p.Case.Slug, p.Case.Title, mark.TitleMarked, p.ReplyId, mark.Snippet, p.Case.PublishedUtc) { Language = p.Case.Language }
                : new SearchHit(p.Case.Id, p.Case.Slug, p.Case.Title, p.Case.Title, p.ReplyId, "", p.Case.PublishedUtc) { Language = p.Case.Language })
            .ToList();
        return new SearchResults(visible.Count, hits) { Capped = capped };
    }

    /// <summary>
    /// Rewrites the cases' entries; a case's published replies leave the index with it (hidden, rejected, deleted) and
    /// come back with it, so that the index never holds what no reader may see. Whether its entry was in the index tells
    /// a case changing state from an edit or a new reply, which leave its replies alone.
    /// </summary>
    public async Task IndexCasesAsync(CommunityDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct)
    {
        if (caseIds.Count == 0) return;
        var ids = caseIds.Distinct().ToList();
        var entries = await CaseEntriesAsync(db, ids, ct);
        var published = entries.Select(e => e.CaseId).ToHashSet();
        var wasIndexed = (await PresentAsync(db, ids.Select(CaseKey).ToArray(), ct)).Select(k => (int)(k / 2)).ToHashSet();
        await RemoveAsync(db, ids.Select(CaseKey).ToArray(), ct);
        foreach (var e in entries)
            await InsertAsync(db, e.Key, e.CaseId, e.ReplyId, e.Title, e.Summary, e.Body, ct);

        var leaving = ids.Where(id => wasIndexed.Contains(id) && !published.Contains(id)).ToList();
        var returning = ids.Where(id => !wasIndexed.Contains(id) && published.Contains(id)).ToList();
        if (leaving.Count > 0)
            await RemoveAsync(db, (await PublishedReplyIdsAsync(db, leaving, ct)).Select(ReplyKey).ToArray(), ct);
        if (returning.Count > 0)
            await IndexRepliesAsync(db, await PublishedReplyIdsAsync(db, returning, ct), ct);
    }

    private static Task<List<int>> PublishedReplyIdsAsync(CommunityDbContext db, List<int> caseIds, CancellationToken ct) =>
        db.Set<Reply>().AsNoTracking().Where(r => caseIds.Contains(r.CaseId) && r.Status == ReplyStatus.Published).Select(r => r.Id).ToListAsync(ct);

    public async Task IndexRepliesAsync(CommunityDbContext db, IReadOnlyCollection<int> replyIds, CancellationToken ct)
    {
        if (replyIds.Count == 0) return;
        var ids = replyIds.Distinct().ToList();
        var entries = await ReplyEntriesAsync(db, ids, ct);
        await RemoveAsync(db, ids.Select(ReplyKey).ToArray(), ct);
        foreach (var e in entries)
            await InsertAsync(db, e.Key, e.CaseId, e.ReplyId, e.Title, e.Summary, e.Body, ct);
    }

    /// <summary>
    /// The entries of <paramref name="keys"/> made from the live rows exactly as they are indexed (published rows only),
    /// for a provider whose index keeps no copy of the text.
    /// </summary>
    protected async Task<List<IndexEntry>> LiveEntriesAsync(CommunityDbContext db, long[] keys, CancellationToken ct) =>
    [
        .. await CaseEntriesAsync(db, keys.Where(k => k % 2 == 0).Select(k => (int)(k / 2)).ToList(), ct),
        .. await ReplyEntriesAsync(db, keys.Where(k => k % 2 == 1).Select(k => (int)(k / 2)).ToList(), ct),
    ];

    private static async Task<List<IndexEntry>> CaseEntriesAsync(CommunityDbContext db, List<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.Set<Case>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.Status == CaseStatus.Published)
                .Select(c => new { c.Id, c.Title, c.Summary, BodyHtml = c.Body.Html, c.Outcome, c.OpenQuestion })
                .ToListAsync(ct))
            .Select(c => CaseEntry(c.Id, c.Title, c.Summary, c.BodyHtml, c.Outcome, c.OpenQuestion)).ToList();

    private static async Task<List<IndexEntry>> ReplyEntriesAsync(CommunityDbContext db, List<int> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await db.Set<Reply>().AsNoTracking().Where(r => ids.Contains(r.Id) && r.Status == ReplyStatus.Published
                    && db.Set<Case>().Any(c => c.Id == r.CaseId && c.Status == CaseStatus.Published))
                .Select(r => new { r.Id, r.CaseId, r.BodyHtml })
                .ToListAsync(ct))
            .Select(r => ReplyEntry(r.Id, r.CaseId, r.BodyHtml)).ToList();

    /// <summary>How many rows one rebuild query reads.</summary>
    public const int RebuildBatchSize = 2_000;

    /// <summary>
    /// How much text (in chars) one rebuild transaction writes, over as many read batches as it takes: about 60 batches
    /// of replies, 2 of cases. SQLite's FTS5 writes a new segment at every commit and merges segments as they pile up, so
    /// a commit per 2,000 rows (550 on the full bench set) wrote every posting several times over.
    /// </summary>
    public const int RebuildTransactionChars = 64 * 1024 * 1024;

    /// <summary>
    /// Empties the index and fills it again in batches: rows read by key ranges (never every id at once), their plain
    /// text read from the stored HTML on every core, then written with one prepared statement, in transactions of
    /// <see cref="RebuildTransactionChars"/> (a commit per row made the 1.1 million entries of the full bench set take
    /// about 15 minutes on SQLite). Inside the caller's transaction when it has one.
    /// </summary>
    public async Task<RebuildReport> RebuildAsync(CommunityDbContext db, CancellationToken ct, Action<RebuildReport>? progress = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // One connection throughout: the provider's bulk-load settings are per connection.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ClearAsync(db, ct);
            await using var bulkLoad = await BeginBulkLoadAsync(db, ct);
            await using var writer = new RebuildWriter(this, db);
            var cases = 0;
            var replies = 0;
            // A reply is indexed only while its case is published too (IndexCasesAsync).
            var publishedCases = new HashSet<int>();
            for (var after = 0; ;)
            {
                var rows = await CaseBatch(db, after).ToListAsync(ct);
                if (rows.Count == 0) break;
                after = rows[^1].Id;
                var entries = rows.Where(c => c.Status == CaseStatus.Published).AsParallel().AsOrdered().WithCancellation(ct)
                    .Select(c => CaseEntry(c.Id, c.Title, c.Summary, c.BodyHtml, c.Outcome, c.OpenQuestion)).ToList();
                await writer.WriteAsync(entries, ct);
                publishedCases.UnionWith(entries.Select(e => e.CaseId));
                cases += entries.Count;
                progress?.Invoke(new RebuildReport(cases, replies, watch.Elapsed));
            }
            for (var after = 0; ;)
            {
                var rows = await ReplyBatch(db, after).ToListAsync(ct);
                if (rows.Count == 0) break;
                after = rows[^1].Id;
                var entries = rows.Where(r => r.Status == ReplyStatus.Published && publishedCases.Contains(r.CaseId)).AsParallel().AsOrdered().WithCancellation(ct)
                    .Select(r => ReplyEntry(r.Id, r.CaseId, r.BodyHtml)).ToList();
                await writer.WriteAsync(entries, ct);
                replies += entries.Count;
                progress?.Invoke(new RebuildReport(cases, replies, watch.Elapsed));
            }
            await writer.CommitAsync(ct);
            return new RebuildReport(cases, replies, watch.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Settings for the rebuild's connection, undone when the result is disposed (the connection goes back to the pool).
    /// None by default.
    /// </summary>
    protected virtual Task<IAsyncDisposable?> BeginBulkLoadAsync(CommunityDbContext db, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(null);

    /// <summary>
    /// The rebuild's batches: a primary-key range, the status tested on the rows read. With "Status = Published" in the
    /// WHERE, SQLite walked a status index, joined every published case's 16 KB body and sorted them all, for every batch
    /// (23 s a batch on the full bench set: most of the 350 s the rebuild took).
    /// </summary>
    internal static IQueryable<CaseSource> CaseBatch(CommunityDbContext db, int after) =>
        db.Set<Case>().AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id).Take(RebuildBatchSize)
            .Select(c => new CaseSource(c.Id, c.Status, c.Title, c.Summary, c.Body.Html, c.Outcome, c.OpenQuestion));

    /// <inheritdoc cref="CaseBatch"/>
    internal static IQueryable<ReplySource> ReplyBatch(CommunityDbContext db, int after) =>
        db.Set<Reply>().AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(RebuildBatchSize)
            .Select(r => new ReplySource(r.Id, r.Status, r.CaseId, r.BodyHtml));

    internal sealed record CaseSource(int Id, CaseStatus Status, string Title, string Summary, string BodyHtml, string? Outcome, string? OpenQuestion);

    internal sealed record ReplySource(int Id, ReplyStatus Status, int CaseId, string BodyHtml);

    /// <summary>
    /// The rebuild's writes: batches in the caller's transaction when it has one, else in transactions of about
    /// <see cref="RebuildTransactionChars"/>, each batch through one prepared INSERT (<see cref="InsertSql"/>).
    /// An unfinished transaction is rolled back on dispose.
    /// </summary>
    private sealed class RebuildWriter(SearchIndexBase index, CommunityDbContext db) : IAsyncDisposable
    {
        private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _own;
        private long _chars;

        public async Task WriteAsync(IReadOnlyList<IndexEntry> entries, CancellationToken ct)
        {
            if (db.Database.CurrentTransaction is null) _own = await db.Database.BeginTransactionAsync(ct);
            await index.WriteBatchAsync(db, entries, ct);
            _chars += entries.Sum(e => (long)e.Title.Length + e.Summary.Length + e.Body.Length);
            if (_chars >= RebuildTransactionChars) await CommitAsync(ct);
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            _chars = 0;
            if (_own is null) return;
            await _own.CommitAsync(ct);
            await DisposeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_own is not null) await _own.DisposeAsync();
            _own = null;
        }
    }

    /// <summary>One batch in the current transaction through one prepared INSERT (<see cref="InsertSql"/>).</summary>
    private async Task WriteBatchAsync(CommunityDbContext db, IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        command.CommandText = InsertSql;
        // Typed, so that a null reply id is an integer null on every provider.
        (string Name, System.Data.DbType Type)[] columns = [("key", System.Data.DbType.Int64), ("caseId", System.Data.DbType.Int32),
            ("replyId", System.Data.DbType.Int32), ("title", System.Data.DbType.String), ("summary", System.Data.DbType.String), ("body", System.Data.DbType.String)];
        var parameters = columns.Select(column =>
        {
            var p = command.CreateParameter();
            p.ParameterName = column.Name;
            p.DbType = column.Type;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        foreach (var e in entries)
        {
            parameters[0].Value = e.Key;
            parameters[1].Value = e.CaseId;
            parameters[2].Value = e.ReplyId is { } r ? r : DBNull.Value;
            parameters[3].Value = e.Title;
            parameters[4].Value = e.Summary;
            parameters[5].Value = e.Body;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The plain text of a case's entry (the same for a single re-index and a rebuild).</summary>
    /// <remarks>From the stored HTML (<see cref="IndexedText"/>), not the Markdown: nothing is rendered again.</remarks>
    private static IndexEntry CaseEntry(int id, string title, string summary, string bodyHtml, string? outcome, string? openQuestion) =>
        new(CaseKey(id), id, null, Highlight.Clean(title), Highlight.Clean(summary),
            Highlight.Clean(string.Join("\n\n", [IndexedText.FromHtml(bodyHtml), outcome ?? "", openQuestion ?? ""])));

    private static IndexEntry ReplyEntry(int id, int caseId, string bodyHtml) =>
        new(ReplyKey(id), caseId, id, "", "", IndexedText.FromHtml(bodyHtml));

    /// <summary>
    /// The provider's INSERT of one entry, with the parameters <c>@key, @caseId, @replyId, @title, @summary, @body</c>.
    /// </summary>
    protected abstract string InsertSql { get; }

    /// <summary>One entry's key and plain text, as written to the index.</summary>
    protected sealed record IndexEntry(long Key, int CaseId, int? ReplyId, string Title, string Summary, string Body);

    protected static long CaseKey(int id) => 2L * id;
    protected static long ReplyKey(int id) => 2L * id + 1;

    /// <summary>One full-text match by entry key (case or reply, see <see cref="CaseKey"/>); <see cref="Rank"/> is smaller for better matches.</summary>
    protected sealed class SearchMatch
    {
        public long Key { get; init; }
        public double Rank { get; init; }
    }

    /// <summary>Highlights of one entry (markers <see cref="Highlight.Start"/>/<see cref="Highlight.End"/>).</summary>
    protected sealed class SearchMark
    {
        public long Key { get; init; }
        public string Snippet { get; init; } = "";
        public string TitleMarked { get; init; } = "";
    }
}
