namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// <c>rerender</c>: brings every stored body up to the current renderer (<see cref="StoredBodies"/>) and exits; what a
/// deployment runs when it turns <c>Rerender:OnStartup</c> off, or to finish a run at once.
/// </summary>
public static class RerenderCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "rerender";

    public static async Task<int> RunAsync(WebApplication app)
    {
        await app.Services.GetRequiredService<Infrastructure.Data.DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var count = await app.Services.GetRequiredService<StoredBodies>().RerenderOutdatedAsync(CancellationToken.None);
        Console.WriteLine($"rerender: {count} bodies re-rendered");
        return 0;
    }
}
