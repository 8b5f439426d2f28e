namespace RisingGoal.Community.Infrastructure;

/// <summary>
/// Commands a tool adds to the app (tools/RisingGoal.Community.Bench): the tool registers them, then runs the app's entry
/// point, which builds the host exactly as it does to serve and runs the command named by the first argument instead.
/// Tool code stays out of the production app, and the tool still gets the real services and configuration.
/// </summary>
public static class ToolCommands
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Registered = new(StringComparer.Ordinal);

    public static void Add(string name, Func<WebApplication, string[], Task<int>> run) => Registered[name] = run;

    /// <summary>The command a tool registered under <paramref name="args"/>[0], if any.</summary>
    public static Func<WebApplication, string[], Task<int>>? Find(string[] args) =>
        args.Length > 0 && Registered.TryGetValue(args[0], out var run) ? run : null;

    /// <summary>Runs the app's Program.cs with <paramref name="args"/> (for a tool's Main, after its <see cref="Add"/> calls).</summary>
    public static async Task<int> RunAppAsync(string[] args)
    {
        var entry = typeof(ToolCommands).Assembly.EntryPoint ?? throw new InvalidOperationException("The app has no entry point.");
        return entry.Invoke(null, [args]) switch
        {
            Task<int> task => await task,
            int code => code,
            _ => 0,
        };
    }
}
