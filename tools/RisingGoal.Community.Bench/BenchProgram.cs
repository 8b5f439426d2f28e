using RisingGoal.Community.Infrastructure;

namespace RisingGoal.Community.Bench;

/// <summary>
/// <c>dotnet RisingGoal.Community.Bench.dll seed-bench|bench-digests ...</c>, run from the app's folder (its content root):
/// the app's own host, built by its Program.cs, runs the bench command instead of serving (<see cref="ToolCommands"/>).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !BenchCommand.Names.Contains(args[0]))
        {
            await Console.Error.WriteLineAsync($"usage: {string.Join(" | ", BenchCommand.Names)} [options] (see bench/run and the README)");
            return 2;
        }
        foreach (var name in BenchCommand.Names) ToolCommands.Add(name, BenchCommand.RunAsync);
        return await ToolCommands.RunAppAsync(args);
    }
}
