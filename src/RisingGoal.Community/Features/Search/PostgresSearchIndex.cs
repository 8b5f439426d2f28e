using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Search;

/// <summary>
/// PostgreSQL full text in the table <c>SearchIndex</c>: a stored generated <c>tsvector</c> (title weight A, summary B,
/// body D) under a GIN index. The text search configuration <c>rg_french</c> is French stemming behind
/// <c>unaccent</c>, so "équipes", "Equipe" and "equipe" meet as on SQLite.
/// </summary>
public sealed class PostgresSearchIndex : SearchIndexBase
{
    public const string Configuration = "rg_french";

    /// <summary>Idempotent; runs at start-up under the start-up lock (unaccent is a trusted extension since PostgreSQL 13).</summary>
    public const string CreateSql = """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'rg_french') THEN
            CREATE TEXT SEARCH CONFIGURATION rg_french ( COPY = french );
            ALTER TEXT SEARCH CONFIGURATION rg_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
          END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS "SearchIndex" (
          "Key" bigint PRIMARY KEY,
          "CaseId" integer NOT NULL,
          "ReplyId" integer NULL,
          "Title" text NOT NULL,
          "Summary" text NOT NULL,
          "Body" text NOT NULL,
          "Document" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('rg_french'::regconfig, "Title"), 'A') ||
            setweight(to_tsvector('rg_french'::regconfig, "Summary"), 'B') ||
            setweight(to_tsvector('rg_french'::regconfig, "Body"), 'D')) STORED);
        CREATE INDEX IF NOT EXISTS "IX_SearchIndex_Document" ON "SearchIndex" USING GIN ("Document");
        """;

    public override Task EnsureCreatedAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(CreateSql, ct);

    public override async Task<bool> IsEmptyAsync(CommunityDbContext db, CancellationToken ct) =>
        !await db.Database.SqlQueryRaw<long>("SELECT \"Key\" AS \"Value\" FROM \"SearchIndex\" LIMIT 1").AnyAsync(ct);

    protected override IQueryable<SearchMatch>? Matches(CommunityDbContext db, IReadOnlyList<string> terms) =>
        // Keys only: no ts_rank (it reads each candidate's whole tsvector), the ranking is made from titles and summaries
        // for both providers, the newest visible matches taken by SearchIndexBase's window.
        ToTsQuery(terms) is not { } query ? null : db.Database.SqlQuery<SearchMatch>($"""
            SELECT i."Key", 0.0::float8 AS "Rank" FROM "SearchIndex" i WHERE i."Document" @@ to_tsquery('rg_french', {query})
            """);

    protected override Task<List<long>> PresentAsync(CommunityDbContext db, long[] keys, CancellationToken ct) =>
        db.Database.SqlQuery<long>($"SELECT \"Key\" AS \"Value\" FROM \"SearchIndex\" WHERE \"Key\" = ANY({keys})").ToListAsync(ct);

    protected override Task<Dictionary<long, SearchMark>> MarksAsync(CommunityDbContext db, IReadOnlyList<string> terms, long[] keys, CancellationToken ct) =>
        db.Database.SqlQuery<SearchMark>($"""
            SELECT s."Key",
                   ts_headline('rg_french', CASE WHEN s."ReplyId" IS NULL THEN s."Summary" || E'\n' || s."Body" ELSE s."Body" END, q,
                       'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS "Snippet",
                   ts_headline('rg_french', s."Title", q, 'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3)) AS "TitleMarked"
            FROM "SearchIndex" s, to_tsquery('rg_french', {ToTsQuery(terms)}) q
            WHERE s."Key" = ANY({keys})
            """).ToDictionaryAsync(h => h.Key, ct);

    /// <summary>
    /// Every kept word as a prefix, all required: <c>equipe:* &amp; regulation:*</c>. Words hold only letters and
    /// digits (<see cref="SearchQueryText.Terms"/>), so no tsquery operator can come from the reader.
    /// </summary>
    public static string? ToTsQuery(IReadOnlyList<string> terms) =>
        terms.Count == 0 ? null : string.Join(" & ", terms.Select(t => t + ":*"));

    protected override Task RemoveAsync(CommunityDbContext db, long[] keys, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM \"SearchIndex\" WHERE \"Key\" = ANY({keys})", ct);

    protected override Task InsertAsync(CommunityDbContext db, long key, int caseId, int? replyId, string title, string summary, string body, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"SearchIndex\" (\"Key\", \"CaseId\", \"ReplyId\", \"Title\", \"Summary\", \"Body\") VALUES ({key}, {caseId}, {replyId}, {title}, {summary}, {body})", ct);

    protected override string InsertSql =>
        "INSERT INTO \"SearchIndex\" (\"Key\", \"CaseId\", \"ReplyId\", \"Title\", \"Summary\", \"Body\") VALUES (@key, @caseId, @replyId, @title, @summary, @body)";

    /// <summary>TRUNCATE, not DELETE: a million dead rows and their GIN entries would be left for vacuum after every rebuild.</summary>
    protected override Task ClearAsync(CommunityDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("TRUNCATE \"SearchIndex\"", ct);
}
