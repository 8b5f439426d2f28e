namespace RisingGoal.Community.Infrastructure.Content;

/// <summary>
/// Read access to the editorial <c>content/</c> folder (taxonomy, pages, demo cases), copied next to the dll by the
/// build. The folder is <c>Community:ContentPath</c> when set (tests point it at a temporary folder), else
/// <c>&lt;app folder&gt;/content</c>. Files are read on demand; callers cache what they need.
/// </summary>
public sealed class ContentLibrary(string root)
{
    public string Root { get; } = root;

    /// <summary>
    /// Every <c>*.md</c> file of a sub-folder (e.g. "taxonomy/tensions"), parsed, in file-name order. Malformed files
    /// are returned in <c>Errors</c> instead of throwing; a missing folder gives nothing.
    /// </summary>
    public ContentSet<T> Read<T>(string folder, string pattern = "*.md") where T : class, new()
    {
        var documents = new List<ContentDocument<T>>();
        var errors = new List<ContentError>();
        var path = Path.Combine(Root, folder);
        if (!Directory.Exists(path))
            return new ContentSet<T>(documents, errors);

        foreach (var file in Directory.EnumerateFiles(path, pattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(Root, file).Replace('\\', '/');
            try
            {
                var (meta, body) = FrontMatter.Parse<T>(File.ReadAllText(file));
                documents.Add(new ContentDocument<T>(name, meta, body));
            }
            catch (Exception e) when (e is FrontMatterException or IOException)
            {
                errors.Add(new ContentError(name, e.Message));
            }
        }
        return new ContentSet<T>(documents, errors);
    }
}

public sealed record ContentSet<T>(IReadOnlyList<ContentDocument<T>> Documents, IReadOnlyList<ContentError> Errors);

public static class ContentSetup
{
    /// <summary>Registers the <see cref="ContentLibrary"/> once (features call this from their own AddXxx()).</summary>
    public static IServiceCollection AddContentLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(ContentLibrary)))
            return services;
        var configured = configuration["Community:ContentPath"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "content")
            : Path.GetFullPath(configured);
        return services.AddSingleton(new ContentLibrary(root));
    }
}
