using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Bench;

/// <summary>What to generate; <see cref="Anchor"/> is the fixed "now" of the data set (determinism).</summary>
public sealed record BenchOptions(int Cases, int Replies, int Members, int Seed)
{
    public static readonly DateTime Anchor = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    public const string MemberEmail = "bench@bench.local";
    public const string MemberPassword = "bench-password-42";
    public const int LongDiscussion = 1_000;
}

/// <summary>What the benchmark script needs to know about a generated data set.</summary>
public sealed record BenchSummary(int HotCaseId, string HotCaseSlug, int HotCaseReplies, string TensionSlug, string DriftSlug,
    string CommonWord, string RareWord, IReadOnlyList<string> Titles, IReadOnlyList<int> ReplyCounts)
{
    /// <summary>The long discussion (<see cref="BenchOptions.LongDiscussion"/> replies on sets of 10,000 replies or more).</summary>
    public int LongCaseId { get; init; }
    public string LongCaseSlug { get; init; } = "";
    public int LongCaseReplies { get; init; }

    /// <summary>The bench member's discussions read earlier (with new replies since) and unread notifications.</summary>
    public int MemberDiscussionsRead { get; init; }
    public int MemberNotifications { get; init; }
}

/// <summary>
/// A deterministic, realistic data set for the benchmark: skewed tag mix, long Markdown bodies (rendered once per template),
/// a long tail of replies, follow-ups, resonances, bookmarks, pending and flagged items. Rows go in through plain
/// parameterised INSERTs on the context's connection, in batched transactions (no change tracking).
/// </summary>
public static class BenchSeeder
{
    private const int BatchSize = 5_000;

    public static async Task<BenchSummary> SeedAsync(CommunityDbContext db, MarkdownRenderer renderer, BenchOptions o, Action<string> log,
        CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        var random = new Random(o.Seed);
        if (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"Cases\"").SingleAsync(ct) > 0)
            throw new InvalidOperationException("The database already holds cases: seed-bench needs an empty (freshly migrated) database.");
        var tags = await db.Set<Tag>().AsNoTracking().Where(t => t.RetiredUtc == null)
            .OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Slug).Select(t => new { t.Id, t.Kind, t.Slug }).ToListAsync(ct);
        var tensions = tags.Where(t => t.Kind == TagKind.Tension).Select(t => (t.Id, t.Slug)).ToArray();
        var drifts = tags.Where(t => t.Kind == TagKind.DriftType).Select(t => (t.Id, t.Slug)).ToArray();
        if (tensions.Length == 0 || drifts.Length == 0)
            throw new InvalidOperationException("No taxonomy: tensions and drift types are imported at start-up from content/taxonomy.");

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);

        // Members: one known bench member, then anonymous-looking ones; one password hash computed once and reused.
        var step = Stopwatch.StartNew();
        var hash = new PasswordHasher<Member>().HashPassword(null!, BenchOptions.MemberPassword);
        var memberIds = new string[Math.Max(1, o.Members)];
        for (var i = 0; i < memberIds.Length; i++) memberIds[i] = NextGuid(random).ToString();
        await InsertAsync(connection, """
            INSERT INTO "AspNetUsers" ("Id","DisplayName","NormalizedDisplayName","PreferredCulture","CreatedUtc","UserName","NormalizedUserName",
              "Email","NormalizedEmail","EmailConfirmed","PasswordHash","SecurityStamp","ConcurrencyStamp","PhoneNumberConfirmed","TwoFactorEnabled",
              "LockoutEnabled","AccessFailedCount") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,@p7,@p8,1,@p9,@p10,@p11,0,0,1,0)
            """, 12, memberIds.Length, (i, p) =>
        {
            var name = i == 0 ? "Bench" : $"Membre {i:D5}";
            var email = i == 0 ? BenchOptions.MemberEmail : $"member{i}@bench.local";
            p[0].Value = memberIds[i]; p[1].Value = name; p[2].Value = name.ToUpperInvariant(); p[3].Value = i % 5 == 0 ? "en" : "fr";
            p[4].Value = BenchOptions.Anchor.AddDays(-1100 + i % 1000); p[5].Value = memberIds[i]; p[6].Value = memberIds[i].ToUpperInvariant();
            p[7].Value = email; p[8].Value = email.ToUpperInvariant(); p[9].Value = hash; p[10].Value = $"BENCHSTAMP{i:D8}"; p[11].Value = $"bench-{i}";
        }, ct);
        log($"members: {memberIds.Length} in {step.ElapsedMilliseconds} ms");

        // Bodies: a few dozen long templates, rendered once each.
        step.Restart();
        var bodyTemplates = Enumerable.Range(0, 48).Select(i => Body(random, 300 + random.Next(2_700), withRareWord: i == 0)).ToArray();
        var bodies = bodyTemplates.Select(md => (md, renderer.Render(md))).ToArray();
        var replyTemplates = Enumerable.Range(0, 40).Select(_ => Paragraphs(random, 1 + random.Next(4), 20, 90)).ToArray();
        var replies = replyTemplates.Select(md => (md, renderer.Render(md))).ToArray();
        var followUpTemplates = Enumerable.Range(0, 12).Select(_ => Paragraphs(random, 1 + random.Next(2), 30, 80)).ToArray();
        var followUps = followUpTemplates.Select(md => (md, renderer.Render(md))).ToArray();
        log($"templates: {bodies.Length + replies.Length + followUps.Length} rendered in {step.ElapsedMilliseconds} ms");

        // Replies per case: a long tail (Pareto weights); the hottest case always has well over 100 when the total allows.
        var n = Math.Max(1, o.Cases);
        var weights = new double[n];
        for (var i = 0; i < n; i++) weights[i] = Math.Min(60, 1 / Math.Pow(1 - random.NextDouble(), 1 / 1.3));   // mean ≈ 4, capped
        var sum = weights.Sum();
        var replyCounts = weights.Select(w => (int)(o.Replies * w / sum)).ToArray();
        var hot = Array.IndexOf(weights, weights.Max());
        if (o.Replies >= 300 && replyCounts[hot] < 150) replyCounts[hot] = 150;
        // A long discussion for the paged case page: 1,000 replies when the set holds at least 10,000.
        var longCase = n > 1 ? (hot + n / 2) % n : hot;
        if (longCase != hot && o.Replies >= 10_000) replyCounts[longCase] = BenchOptions.LongDiscussion;
        for (int left = o.Replies - replyCounts.Sum(), i = 0; left > 0; left--, i = (i + 7919) % n) replyCounts[i]++;
        for (int over = replyCounts.Sum() - o.Replies, i = 0; over > 0; i = (i + 7919) % n)
            if (i != hot && i != longCase && replyCounts[i] > 0) { replyCounts[i]--; over--; }

        // Cases, spread evenly over three years (ids follow publication order).
        step.Restart();
        var span = TimeSpan.FromDays(3 * 365);
        var published = new DateTime[n];
        var titles = new string[n];
        var slugs = new string[n];
        var statuses = new CaseStatus[n];
        var resonanceCounts = new int[n];
        var followUpCounts = new int[n];
        var lastActivity = new DateTime[n];
        for (var i = 0; i < n; i++)
        {
            published[i] = BenchOptions.Anchor - span + TimeSpan.FromTicks(span.Ticks / n * i) + TimeSpan.FromMinutes(random.Next(60));
            titles[i] = Title(random, i);
            slugs[i] = Slugs.From(titles[i]);
            statuses[i] = i == hot || i == longCase ? CaseStatus.Published : random.Next(1000) switch { < 25 => CaseStatus.Pending, < 30 => CaseStatus.Hidden, < 35 => CaseStatus.Deleted, _ => CaseStatus.Published };
            resonanceCounts[i] = Math.Min(memberIds.Length, (int)Math.Min(400, 1 / Math.Pow(1 - random.NextDouble(), 1 / 1.3) - 1));
            followUpCounts[i] = random.Next(10) == 0 ? 1 + random.Next(2) : 0;
            lastActivity[i] = published[i];
        }
        var replyTimes = new List<DateTime>[n];
        for (var i = 0; i < n; i++)
        {
            var times = new List<DateTime>(replyCounts[i]);
            var t = published[i];
            for (var r = 0; r < replyCounts[i]; r++) { t = t.AddMinutes(5 + random.Next(600)); times.Add(t); }
            replyTimes[i] = times;
            if (times.Count > 0 && times[^1] > lastActivity[i]) lastActivity[i] = times[^1];
        }
        var tensionWeights = Zipf(tensions.Length, 1.2);
        var driftWeights = Zipf(drifts.Length, 1.0);
        var caseTags = new List<(int Case, int Tag)>();
        var caseBodies = new (string Markdown, RenderedMarkdown Html)[n];
        await InsertAsync(connection, """
            INSERT INTO "Cases" ("Id","Slug","Title","Summary","AuthorId","Pseudonym","SizeBand","Sector",
              "Stage","Region","OkrCyclesRun","AuthorRole","Outcome","OpenQuestion","Visibility","MembersOnlyUntilUtc","Status","CreatedUtc",
              "PublishedUtc","UpdatedUtc","LastActivityUtc","ReplyCount","ResonanceCount","FeaturedUtc","LockedUtc","LatestFollowUpStatus","Version")
            VALUES (@p0,@p1,@p2,@p3,@p7,@p8,@p9,@p10,@p11,@p12,@p13,@p14,@p15,@p16,@p17,NULL,@p18,@p19,@p20,@p19,@p21,@p22,@p23,
              @p24,NULL,@p25,1)
            """, 26, n, (i, p) =>
        {
            var body = bodies[random.Next(bodies.Length)];
            caseBodies[i] = body;
            var pending = statuses[i] == CaseStatus.Pending;
            p[0].Value = i + 1; p[1].Value = slugs[i]; p[2].Value = titles[i]; p[3].Value = Sentence(random, 25, 60);
            p[4].Value = p[5].Value = p[6].Value = DBNull.Value;   // unused: the bodies go to CaseBodies below
            var pseudonymous = random.Next(8) == 0;
            p[7].Value = memberIds[random.Next(memberIds.Length)]; p[8].Value = pseudonymous ? $"Anonyme {i % 97}" : DBNull.Value;
            p[9].Value = 1 + random.Next(6); p[10].Value = 1 + random.Next(10); p[11].Value = 1 + random.Next(4);
            p[12].Value = random.Next(3) == 0 ? DBNull.Value : Regions[random.Next(Regions.Length)];
            p[13].Value = random.Next(2) == 0 ? DBNull.Value : 1 + random.Next(12); p[14].Value = 1 + random.Next(5);
            p[15].Value = random.Next(3) == 0 ? Sentence(random, 20, 50) : DBNull.Value;
            p[16].Value = random.Next(2) == 0 ? Sentence(random, 10, 25).TrimEnd('.') + " ?" : DBNull.Value;
            p[17].Value = random.Next(10) == 0 && i != hot && i != longCase ? (int)CaseVisibility.MembersOnly : (int)CaseVisibility.Public;
            p[18].Value = (int)statuses[i]; p[19].Value = published[i]; p[20].Value = pending ? DBNull.Value : published[i];
            p[21].Value = lastActivity[i]; p[22].Value = replyCounts[i]; p[23].Value = resonanceCounts[i];
            p[24].Value = random.Next(200) == 0 ? published[i].AddDays(1) : DBNull.Value;
            p[25].Value = followUpCounts[i] > 0 ? 1 + random.Next(4) : DBNull.Value;
            var tagSet = new HashSet<int> { drifts[Pick(random, driftWeights)].Id, tensions[Pick(random, tensionWeights)].Id };
            if (random.Next(3) == 0) tagSet.Add(drifts[Pick(random, driftWeights)].Id);
            for (var k = random.Next(3); k > 0; k--) tagSet.Add(tensions[Pick(random, tensionWeights)].Id);
            foreach (var tag in tagSet) caseTags.Add((i + 1, tag));
        }, ct);
        await InsertAsync(connection, """INSERT INTO "CaseBodies" ("CaseId","BodyMarkdown","BodyHtml","RendererVersion") VALUES (@p0,@p1,@p2,@p3)""",
            4, n, (i, p) =>
        {
            p[0].Value = i + 1; p[1].Value = caseBodies[i].Markdown; p[2].Value = caseBodies[i].Html.Html; p[3].Value = caseBodies[i].Html.RendererVersion;
        }, ct);
        await InsertAsync(connection, """INSERT INTO "CaseTags" ("CaseId","TagId") VALUES (@p0,@p1)""", 2, caseTags.Count, (i, p) =>
        {
            p[0].Value = caseTags[i].Case; p[1].Value = caseTags[i].Tag;
        }, ct);
        log($"cases: {n} (+{caseTags.Count} tags) in {step.ElapsedMilliseconds} ms");

        // Replies (about 1% pending, 0.5% hidden), in case order.
        step.Restart();
        var replyRows = new List<(int Case, DateTime At)>(o.Replies);
        for (var i = 0; i < n; i++) foreach (var at in replyTimes[i]) replyRows.Add((i + 1, at));
        await InsertAsync(connection, """
            INSERT INTO "Replies" ("Id","CaseId","AuthorId","BodyMarkdown","BodyHtml","RendererVersion","CreatedUtc","EditedUtc","Status","Version")
            VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,NULL,@p7,1)
            """, 8, replyRows.Count, (i, p) =>
        {
            var (md, html) = replies[random.Next(replies.Length)];
            p[0].Value = i + 1; p[1].Value = replyRows[i].Case; p[2].Value = memberIds[random.Next(memberIds.Length)];
            p[3].Value = md; p[4].Value = html.Html; p[5].Value = html.RendererVersion; p[6].Value = replyRows[i].At;
            p[7].Value = random.Next(200) switch { < 2 => (int)ReplyStatus.Pending, 2 => (int)ReplyStatus.Hidden, _ => (int)ReplyStatus.Published };
        }, ct);
        log($"replies: {replyRows.Count} in {step.ElapsedMilliseconds} ms");

        // Follow-ups, resonances, bookmarks, flags.
        step.Restart();
        var followUpRows = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(i, followUpCounts[i])).ToList();
        await InsertAsync(connection, """
            INSERT INTO "FollowUps" ("CaseId","AuthorId","CreatedUtc","Status","BodyMarkdown","BodyHtml","RendererVersion")
            VALUES (@p0,NULL,@p1,@p2,@p3,@p4,@p5)
            """, 6, followUpRows.Count, (k, p) =>
        {
            var i = followUpRows[k];
            var (md, html) = followUps[random.Next(followUps.Length)];
            p[0].Value = i + 1; p[1].Value = published[i].AddDays(30 + random.Next(300)); p[2].Value = 1 + random.Next(4);
            p[3].Value = md; p[4].Value = html.Html; p[5].Value = html.RendererVersion;
        }, ct);
        var resonanceRows = new List<(int Case, int Member)>();
        for (var i = 0; i < n; i++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < resonanceCounts[i]) chosen.Add(random.Next(memberIds.Length));
            foreach (var m in chosen.Order()) resonanceRows.Add((i + 1, m));
        }
        await InsertAsync(connection, """INSERT INTO "Resonances" ("CaseId","MemberId","CreatedUtc") VALUES (@p0,@p1,@p2)""", 3, resonanceRows.Count,
            (k, p) => { p[0].Value = resonanceRows[k].Case; p[1].Value = memberIds[resonanceRows[k].Member]; p[2].Value = published[resonanceRows[k].Case - 1].AddHours(1 + k % 500); }, ct);
        var bookmarkSet = new HashSet<(int Case, int Member)>();
        for (var k = n / 2; k > 0; k--) bookmarkSet.Add((1 + random.Next(n), random.Next(memberIds.Length)));
        for (var k = 0; k < Math.Min(n, 30); k++) bookmarkSet.Add((n - k, 0));   // the bench member has bookmarks too
        var bookmarkRows = bookmarkSet.OrderBy(b => b.Case).ThenBy(b => b.Member).ToList();
        await InsertAsync(connection, """INSERT INTO "Bookmarks" ("CaseId","MemberId","CreatedUtc") VALUES (@p0,@p1,@p2)""", 3, bookmarkRows.Count,
            (k, p) => { p[0].Value = bookmarkRows[k].Case; p[1].Value = memberIds[bookmarkRows[k].Member]; p[2].Value = published[bookmarkRows[k].Case - 1].AddDays(1); }, ct);
        var flagCount = Math.Max(1, n * 3 / 100);
        await InsertAsync(connection, """
            INSERT INTO "Flags" ("TargetKind","TargetId","CaseId","MemberId","Reason","Text","CreatedUtc","ResolvedUtc") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,@p6,NULL)
            """, 7, flagCount, (k, p) =>
        {
            var onReply = replyRows.Count > 0 && random.Next(2) == 0;
            var replyIndex = onReply ? random.Next(replyRows.Count) : 0;
            var caseId = onReply ? replyRows[replyIndex].Case : 1 + random.Next(n);
            p[0].Value = onReply ? 2 : 1; p[1].Value = onReply ? replyIndex + 1 : caseId; p[2].Value = caseId;
            p[3].Value = memberIds[random.Next(memberIds.Length)]; p[4].Value = 1 + random.Next(7);
            p[5].Value = random.Next(2) == 0 ? Sentence(random, 5, 20) : DBNull.Value; p[6].Value = BenchOptions.Anchor.AddDays(-random.Next(30));
        }, ct);
        log($"follow-ups {followUpRows.Count}, resonances {resonanceRows.Count}, bookmarks {bookmarkRows.Count}, flags {flagCount} in {step.ElapsedMilliseconds} ms");

        // The bench member's own state, so member pages are measured as a regular reader sees them (issue 19, item 6):
        // discussions read a while ago that have new replies since (the "n new replies" marks of every list), a previous
        // visit (the "new" marks), and unread notifications (the header count). Its own random stream: the rows above
        // stay the same whether or not this part changes.
        step.Restart();
        var mine = new Random(o.Seed + 1);
        var firstReplyId = new int[n];
        for (int i = 0, id = 1; i < n; id += replyCounts[i], i++) firstReplyId[i] = id;
        var readCases = Enumerable.Range(0, n).Where(i => statuses[i] == CaseStatus.Published && replyCounts[i] > 1)
            .OrderByDescending(i => lastActivity[i]).Take(Math.Min(n, 400)).Where(_ => mine.Next(2) == 0).Append(longCase).Append(hot).Distinct()
            .Where(i => replyTimes[i].Count > 0).ToList();   // a small data set's long or hot case may have no reply yet
        await InsertAsync(connection, """
            INSERT INTO "DiscussionReads" ("MemberId","CaseId","LastReadReplyId","SeenReplyCount","ReadUtc") VALUES (@p0,@p1,@p2,@p3,@p4)
            """, 5, readCases.Count, (k, p) =>
        {
            var i = readCases[k];
            var seen = Math.Clamp(replyCounts[i] - 1 - mine.Next(Math.Max(1, replyCounts[i] / 2)), 1, replyTimes[i].Count);   // some replies are new
            p[0].Value = memberIds[0]; p[1].Value = i + 1; p[2].Value = firstReplyId[i] + seen - 1; p[3].Value = seen;
            p[4].Value = replyTimes[i][seen - 1];
        }, ct);
        await InsertAsync(connection, """INSERT INTO "MemberVisits" ("MemberId","LastSeenUtc","PreviousVisitEndUtc") VALUES (@p0,@p1,@p2)""", 3, 1,
            (_, p) => { p[0].Value = memberIds[0]; p[1].Value = BenchOptions.Anchor.AddDays(-2); p[2].Value = BenchOptions.Anchor.AddDays(-9); }, ct);
        var notified = readCases.Take(60).ToList();
        await InsertAsync(connection, """
            INSERT INTO "Notifications" ("RecipientId","Kind","CaseId","TargetId","ActorId","CreatedUtc","ReadUtc") VALUES (@p0,@p1,@p2,@p3,@p4,@p5,NULL)
            """, 6, notified.Count, (k, p) =>
        {
            var i = notified[k];
            p[0].Value = memberIds[0]; p[1].Value = (int)Features.Notifications.NotificationKind.Reply; p[2].Value = i + 1;
            p[3].Value = firstReplyId[i] + replyCounts[i] - 1; p[4].Value = memberIds[1 % memberIds.Length]; p[5].Value = replyTimes[i][^1];
        }, ct);
        log($"bench member: {readCases.Count} discussions read, {notified.Count} notifications in {step.ElapsedMilliseconds} ms");

        // The rows went in by raw SQL, past the write effect that keeps the matrix and tag counts: count them once.
        step.Restart();
        var counts = await Features.Browse.Counts.CaseCountsRepair.RepairAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, ct);
        log($"matrix and tag counts: {counts.Rows} rows in {step.ElapsedMilliseconds} ms");
        log($"total: {total.ElapsedMilliseconds} ms");

        var hotTension = tensions[0].Slug;
        var hotDrift = drifts[0].Slug;
        return new BenchSummary(hot + 1, slugs[hot], replyCounts[hot], hotTension, hotDrift, "objectifs", Rare, titles, replyCounts)
        {
            LongCaseId = longCase + 1, LongCaseSlug = slugs[longCase], LongCaseReplies = replyCounts[longCase],
            MemberDiscussionsRead = readCases.Count, MemberNotifications = notified.Count,
        };
    }

    /// <summary>One prepared command re-executed with new values; a transaction every <see cref="BatchSize"/> rows.</summary>
    private static async Task InsertAsync(DbConnection connection, string sql, int parameterCount, int rows, Action<int, DbParameter[]> fill,
        CancellationToken ct)
    {
        for (var start = 0; start < rows; start += BatchSize)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            var parameters = new DbParameter[parameterCount];
            for (var k = 0; k < parameterCount; k++)
            {
                parameters[k] = command.CreateParameter();
                parameters[k].ParameterName = "@p" + k.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(parameters[k]);
            }
            for (var i = start; i < Math.Min(rows, start + BatchSize); i++)
            {
                fill(i, parameters);
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    private static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static double[] Zipf(int count, double exponent)
    {
        var w = Enumerable.Range(1, count).Select(r => 1 / Math.Pow(r, exponent)).ToArray();
        var s = w.Sum();
        return w.Select(x => x / s).ToArray();
    }

    private static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble();
        for (var i = 0; i < weights.Length; i++) if ((x -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    private const string Rare = "ornithorynque";

    private static readonly string[] Regions = ["Île-de-France", "Auvergne-Rhône-Alpes", "Occitanie", "Bretagne", "Hauts-de-France", "Québec", "Belgique", "Suisse romande"];

    private static readonly string[] Subjects = ["Les OKR", "Le comité de direction", "L'équipe produit", "Le PMO", "La DSI", "Les managers de proximité", "Le coach agile", "La direction commerciale", "Les équipes support", "Le service RH"];
    private static readonly string[] Symptoms = ["un alignement de façade", "des objectifs verts et une tension intacte", "des indicateurs qui masquent l'arbitrage", "une cascade qui ne descend jamais", "des revues trimestrielles sans décision", "un reporting impeccable et des priorités contradictoires", "une feuille de route figée", "des engagements sans ressources"];
    private static readonly string[] Contexts = ["après la réorganisation", "pendant le troisième cycle", "malgré un sponsor engagé", "en pleine croissance", "lors du passage à l'échelle", "au moment du budget", "après une fusion", "sous pression des actionnaires"];

    private static string Title(Random random, int i)
    {
        var title = $"{Subjects[random.Next(Subjects.Length)]} : {Symptoms[random.Next(Symptoms.Length)]} {Contexts[random.Next(Contexts.Length)]} (n° {i + 1})";
        return title.Length <= CaseLimits.TitleMax ? title : title[..CaseLimits.TitleMax];
    }

    private static readonly string[] Words =
    [
        "objectifs", "alignement", "tension", "arbitrage", "priorité", "équipe", "direction", "trimestre", "indicateur", "résultat",
        "clé", "engagement", "ressource", "cycle", "revue", "feuille", "route", "produit", "client", "budget", "décision", "conflit",
        "structure", "organisation", "manager", "collaborateur", "projet", "livraison", "capacité", "dépendance", "silo", "transversal",
        "pilotage", "cascade", "ambition", "métrique", "qualité", "délai", "risque", "stratégie", "exécution", "contrat", "support",
        "la", "le", "les", "des", "une", "un", "et", "mais", "donc", "avec", "sans", "pour", "dans", "sur", "chaque", "aucun", "toujours",
        "reste", "devient", "masque", "montre", "porte", "attend", "promet", "refuse", "valide", "mesure", "ignore", "révèle",
    ];

    private static string Sentence(Random random, int min, int max)
    {
        var count = min + random.Next(max - min + 1);
        var sb = new StringBuilder();
        for (var i = 0; i < count && sb.Length < 400; i++)
        {
            if (i > 0) sb.Append(' ');
            var w = Words[(int)(Words.Length * Math.Pow(random.NextDouble(), 1.6))];
            sb.Append(i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w);
        }
        return sb.Append('.').ToString();
    }

    private static string Paragraphs(Random random, int count, int min, int max) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(_ => Sentence(random, min, max)));

    /// <summary>A Markdown body of about <paramref name="words"/> words: headings, paragraphs, lists and a table.</summary>
    private static string Body(Random random, int words, bool withRareWord)
    {
        var sb = new StringBuilder();
        var written = 0;
        var section = 0;
        while (written < words)
        {
            sb.Append("## ").Append(Subjects[random.Next(Subjects.Length)]).Append(" — partie ").Append(++section).Append("\n\n");
            for (var p = 1 + random.Next(3); p > 0; p--) { var s = Paragraphs(random, 1, 40, 120); written += s.Count(c => c == ' ') + 1; sb.Append(s).Append("\n\n"); }
            if (random.Next(2) == 0)
            {
                for (var k = 3 + random.Next(4); k > 0; k--) { var s = Sentence(random, 5, 15); written += s.Count(c => c == ' ') + 1; sb.Append("- ").Append(s).Append('\n'); }
                sb.Append('\n');
            }
            if (random.Next(3) == 0)
            {
                sb.Append("| Trimestre | Objectif | Résultat clé | Statut |\n|---|---|---:|---|\n");
                for (var r = 1; r <= 4; r++)
                    sb.Append("| T").Append(r).Append(" | ").Append(Sentence(random, 3, 6)).Append(" | ").Append(random.Next(100)).Append(" % | ")
                      .Append(random.Next(2) == 0 ? "vert" : "orange").Append(" |\n");
                sb.Append('\n');
                written += 30;
            }
            if (withRareWord && section == 1) sb.Append("Un mot rare pour la recherche : ").Append(Rare).Append(".\n\n");
        }
        return sb.ToString();
    }
}
