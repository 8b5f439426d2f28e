using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// The provider-specific part of search (SQLite FTS5 or PostgreSQL full text, chosen by Database:Provider). The index holds a plain-text
/// copy of published cases and replies; queries join the live tables so only what the reader may see right now is
/// returned, even if the index lags behind a change.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Creates the index structure when missing (idempotent).</summary>
    Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct);

    Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct);

    /// <summary>Re-reads the cases (and all their replies) and rewrites their entries; unpublished ones are removed.</summary>
    Task IndexCasesAsync(CommunityDbContext db, IReadOnlyCollection<int> caseIds, CancellationToken ct);

    /// <summary>Re-reads the replies and rewrites their entries; unpublished ones are removed.</summary>
    Task IndexRepliesAsync(CommunityDbContext db, IReadOnlyCollection<int> replyIds, CancellationToken ct);

    /// <summary>Empties the index and indexes every published case and reply, in batches (one transaction each).</summary>
    Task<RebuildReport> RebuildAsync(CommunityDbContext db, CancellationToken ct, Action<RebuildReport>? progress = null);

    Task<SearchResults> SearchAsync(CommunityDbContext db, SearchRequest request, CancellationToken ct);
}

/// <summary>What a rebuild wrote so far.</summary>
public sealed record RebuildReport(int Cases, int Replies, TimeSpan Elapsed);

/// <param name="Terms">The reader's words, cleaned by <see cref="SearchQueryText.Terms"/>; each index builds its own query from them.</param>
public sealed record SearchRequest(IReadOnlyList<string> Terms, bool SignedIn, DateTime NowUtc, int? TensionId, int? DriftId, int Page, int PageSize)
{
    /// <summary>
    /// How many matches are ranked at most: the newest ones. A rare word is ranked over all its matches; a word found
    /// everywhere is ranked over the newest of them, and the count says "more than".
    /// </summary>
    public int MaxCandidates { get; init; } = DefaultMaxCandidates;

    public const int DefaultMaxCandidates = 2000;

    /// <summary>The organisation's context and the publication dates (From inclusive, To exclusive), besides the tags.</summary>
    public SearchContextFilter Context { get; init; } = SearchContextFilter.None;
}

public sealed record SearchContextFilter(Cases.SizeBand? Size, Cases.Sector? Sector, Cases.Stage? Stage, Cases.AuthorRole? Role,
    DateTime? FromUtc, DateTime? ToUtc)
{
    public static readonly SearchContextFilter None = new(null, null, null, null, null, null);

    public string Key => $"{Size}:{Sector}:{Stage}:{Role}:{FromUtc:yyyyMMdd}:{ToUtc:yyyyMMdd}";
}

/// <param name="Total">Visible matches among the ranked ones.</param>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>There were more matches than <see cref="SearchRequest.MaxCandidates"/>: <see cref="Total"/> is a lower bound.</summary>
    public bool Capped { get; init; }
}

/// <summary>A case or one of its replies; snippets carry <see cref="Highlight.Start"/>/<see cref="Highlight.End"/> markers.</summary>
public sealed record SearchHit(int CaseId, string Slug, string Title, string TitleMarked, int? ReplyId, string Snippet, DateTime? PublishedUtc)
{
    /// <summary>The case's language: its title's, and its snippet's when the hit is the case itself (a reply's is its writer's).</summary>
    public string Language { get; init; } = Cases.CaseLanguages.French;
}
