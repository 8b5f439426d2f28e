using System.Globalization;
using System.Text;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Bench;

/// <summary>
/// <c>seed-bench --cases N --replies N --members N --seed N [--out file]</c>: migrates the configured database, runs the
/// start-up tasks (taxonomy import), fills it with <see cref="BenchSeeder"/> and writes key=value facts for bench/run.
/// <c>bench-digests --digests N</c>: see <see cref="DigestBench"/>.
/// </summary>
public static class BenchCommand
{
    public const string Command = "seed-bench";
    public static readonly string[] Names = [Command, DigestBench.Command];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        if (args[0] == DigestBench.Command) return await DigestBench.RunAsync(app, args, Int);
        var outIndex = Array.IndexOf(args, "--out");
        var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;
        var options = new BenchOptions(Int("cases", 2_000), Int("replies", 20_000), Int("members", 500), Int("seed", 42));

        if (app.Services.GetRequiredService<DatabaseSettings>().Provider != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine("seed-bench fills the embedded SQLite database only (its batched INSERTs are SQLite's).");
            return 2;
        }
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
        var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
        Console.WriteLine($"seed-bench: {options}");
        var summary = await BenchSeeder.SeedAsync(db, renderer, options, line => Console.WriteLine("seed-bench: " + line));
        // The rows went in by raw SQL: index them now, or the app's first start would rebuild the index (cold start).
        // The same batched rebuild as the reindex command.
        var indexed = await scope.ServiceProvider.GetRequiredService<RisingGoal.Community.Features.Search.ISearchIndex>().RebuildAsync(db, CancellationToken.None);
        Console.WriteLine($"seed-bench: search index rebuilt ({indexed.Cases} cases, {indexed.Replies} replies) in {indexed.Elapsed.TotalMilliseconds:0} ms");

        var facts = new StringBuilder()
            .Append("hot_case_id=").Append(summary.HotCaseId).Append('\n')
            .Append("hot_case_slug=").Append(summary.HotCaseSlug).Append('\n')
            .Append("hot_case_replies=").Append(summary.HotCaseReplies).Append('\n')
            .Append("tension=").Append(summary.TensionSlug).Append('\n')
            .Append("drift=").Append(summary.DriftSlug).Append('\n')
            .Append("common_word=").Append(summary.CommonWord).Append('\n')
            .Append("rare_word=").Append(summary.RareWord).Append('\n')
            .Append("long_case_id=").Append(summary.LongCaseId).Append('\n')
            .Append("long_case_slug=").Append(summary.LongCaseSlug).Append('\n')
            .Append("long_case_replies=").Append(summary.LongCaseReplies).Append('\n')
            .Append("member_discussions_read=").Append(summary.MemberDiscussionsRead).Append('\n')
            .Append("member_notifications=").Append(summary.MemberNotifications).Append('\n')
            .Append("member_email=").Append(BenchOptions.MemberEmail).Append('\n')
            .Append("member_password=").Append(BenchOptions.MemberPassword).Append('\n')
            .ToString();
        Console.Write(facts);
        if (outFile is not null) await File.WriteAllTextAsync(outFile, facts);
        return 0;
    }
}
