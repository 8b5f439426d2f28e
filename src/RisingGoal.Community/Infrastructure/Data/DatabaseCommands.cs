namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// Operator commands run instead of the web server:
/// <c>migrate</c> applies migrations and start-up imports under the start-up lock (for deployments that set
/// <c>Database:MigrateOnStartup=false</c>); <c>backup &lt;file&gt;</c> writes an online copy of a SQLite database;
/// <c>reindex</c> rebuilds the search index; <c>recount</c> counts the cases of the matrix and tag pages again and logs
/// every kept count it corrects.
/// </summary>
public static class DatabaseCommands
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] is "migrate" or "backup" or "reindex" or "recount";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseCommands));
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                    return 0;
                case "reindex":
                    using (var scope = app.Services.CreateScope())
                    {
                        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
                        var index = scope.ServiceProvider.GetRequiredService<Features.Search.ISearchIndex>();
                        await index.EnsureCreatedAsync(db, CancellationToken.None);
                        var lastLine = TimeSpan.Zero;
                        var report = await index.RebuildAsync(db, CancellationToken.None, progress =>
                        {
                            if (progress.Elapsed - lastLine < TimeSpan.FromSeconds(10)) return;
                            lastLine = progress.Elapsed;
                            Console.WriteLine($"reindex: {progress.Cases} cases, {progress.Replies} replies, {progress.Elapsed.TotalSeconds:0} s");
                        });
                        Console.WriteLine($"reindex: {report.Cases} cases and {report.Replies} replies indexed in {report.Elapsed.TotalMilliseconds:0} ms");
                    }
                    return 0;
                case "recount":
                    using (var scope = app.Services.CreateScope())
                    {
                        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
                        var report = await Features.Browse.Counts.CaseCountsRepair.RepairAsync(db, log, CancellationToken.None);
                        foreach (var change in report.Changes) Console.WriteLine($"recount: {change}");
                        Console.WriteLine($"recount: {report.Rows} counts kept, {report.Changes.Count} corrected");
                    }
                    return 0;
                default:
                    if (args.Length < 2)
                    {
                        Console.Error.WriteLine("usage: backup <file>   (SQLite only; on PostgreSQL use pg_dump)");
                        return 2;
                    }
                    using (var scope = app.Services.CreateScope())
                    {
                        var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
                        await app.Services.GetRequiredService<IDatabaseDialect>().BackupAsync(db, args[1], CancellationToken.None);
                    }
                    log.LogInformation("Backup written to {Path}", Path.GetFullPath(args[1]));
                    return 0;
            }
        }
        catch (Exception ex) when (ex is NotSupportedException or IOException or InvalidOperationException)
        {
            log.LogError(ex, "{Command} failed", args[0]);
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
    }
}
