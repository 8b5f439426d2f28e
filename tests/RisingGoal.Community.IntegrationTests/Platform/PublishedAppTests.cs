using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>
/// The published output, run in Production from an unrelated working folder, serves the fingerprinted stylesheet
/// with a body, compressed or not (the repository-root wwwroot/ must survive publishing).
/// </summary>
public sealed class PublishedAppTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-publish", Guid.NewGuid().ToString("N"));
    private Process? _app;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var publishDir = Path.Combine(_root, "out");
        var project = Path.Combine(RepositoryRoot(), "src", "RisingGoal.Community", "RisingGoal.Community.csproj");
        await RunAsync("dotnet", $"publish \"{project}\" -c Release -o \"{publishDir}\" --nologo -v q", RepositoryRoot());

        var port = FreePort();
        _baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(publishDir, "RisingGoal.Community.dll")}\" --urls {_baseUrl}")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Community"] = $"Data Source={Path.Combine(_root, "community.db")}";
        start.Environment["Mail__PickupDirectory"] = Path.Combine(_root, "mail");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        _app = new Process { StartInfo = start, EnableRaisingEvents = true };
        _app.OutputDataReceived += (_, e) =>
        {
            lock (log) log.AppendLine(e.Data);
            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true) listening.TrySetResult();
        };
        _app.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _app.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The published app exited:\n" + log));
        _app.Start();
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        // Migrations and imports run before Kestrel listens, so "Now listening" means ready to serve.
        await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using var probe = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Stylesheet_is_served_with_a_body_plain_and_compressed()
    {
        using var plain = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var home = await plain.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/css/site\\.[a-z0-9]+\\.css)\"").Groups[1].Value;
        Assert.NotEmpty(href);

        var css = await plain.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--accent", await css.Content.ReadAsStringAsync());
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString() ?? "");

        using var gzip = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli }) { BaseAddress = new Uri(_baseUrl) };
        var compressed = await gzip.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Contains("--accent", await compressed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Production_shows_the_friendly_404_page_without_details()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var missing = await client.GetAsync("/definitely-missing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var html = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Page introuvable", html);
        Assert.DoesNotContain("Exception", html);
    }

    public Task DisposeAsync()
    {
        if (_app is { HasExited: false }) { _app.Kill(entireProcessTree: true); _app.WaitForExit(10_000); }
        _app?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private static async Task RunAsync(string file, string arguments, string workingDirectory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed:\n{await output}\n{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RisingGoal.Community.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found");
    }
}
