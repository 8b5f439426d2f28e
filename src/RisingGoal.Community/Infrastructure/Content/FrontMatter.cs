using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RisingGoal.Community.Infrastructure.Content;

/// <summary>A Markdown file split into its YAML front matter (typed) and its body.</summary>
public sealed record ContentDocument<T>(string FileName, T Meta, string Body);

/// <summary>Why a content file was skipped (reported in the log with its file name, never fatal).</summary>
public sealed record ContentError(string FileName, string Message);

/// <summary>Thrown for a file whose front matter is missing or is not valid YAML.</summary>
public sealed class FrontMatterException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Parses "---\n yaml \n---\n body" files. Keys are camelCase (<c>slug</c>, <c>name: { fr, en }</c>); unknown keys are
/// ignored so content can grow without breaking older builds.
/// </summary>
public static class FrontMatter
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>Splits and deserialises; throws <see cref="FrontMatterException"/> when the file is malformed.</summary>
    public static (T Meta, string Body) Parse<T>(string text) where T : class, new()
    {
        var normalised = text.Replace("\r\n", "\n").TrimStart('\uFEFF');
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal))
            throw new FrontMatterException("The file does not start with a '---' front-matter line.");
        var end = normalised.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0 && end + 4 < normalised.Length && normalised[end + 4] != '\n')
            end = normalised.IndexOf("\n---", end + 4, StringComparison.Ordinal);
        if (end < 0)
            throw new FrontMatterException("The front matter is not closed by a '---' line.");

        var yaml = normalised[4..(end + 1)];
        var body = end + 5 <= normalised.Length ? normalised[Math.Min(end + 5, normalised.Length)..] : "";
        try
        {
            var meta = Yaml.Deserialize<T>(yaml) ?? new T();
            return (meta, body.Trim('\n'));
        }
        catch (YamlException e)
        {
            throw new FrontMatterException($"Invalid YAML front matter (line {e.Start.Line}): {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
