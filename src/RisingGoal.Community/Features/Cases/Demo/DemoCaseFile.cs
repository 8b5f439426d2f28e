using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace RisingGoal.Community.Features.Cases.Demo;

/// <summary>One content/cases/*.md file: YAML front matter between --- lines, then the Markdown body.</summary>
public sealed class DemoCaseFile
{
    public string DemoId { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Pseudonym { get; set; } = "";
    public string Language { get; set; } = "fr";
    public DateTime Published { get; set; }
    public SizeBand SizeBand { get; set; }
    public Sector Sector { get; set; }
    public Stage Stage { get; set; }
    public string? Region { get; set; }
    public int? OkrCyclesRun { get; set; }
    public AuthorRole AuthorRole { get; set; }
    public List<string> Drifts { get; set; } = [];
    public List<string> Tensions { get; set; } = [];
    public List<string> Symptoms { get; set; } = [];
    public List<string> Safeguards { get; set; } = [];
    public string? Outcome { get; set; }
    public string? OpenQuestion { get; set; }
    public List<DemoFollowUp> FollowUps { get; set; } = [];
    /// <summary>The discussion, written by fictional demo members (display names ending in "(démo)").</summary>
    public List<DemoReply> Replies { get; set; } = [];
    /// <summary>Display names of the demo members who found the case resonates with them.</summary>
    public List<string> Resonances { get; set; } = [];

    [YamlIgnore] public string Body { get; set; } = "";

    /// <summary>Every demo member the file names, repliers and resonances alike.</summary>
    public IEnumerable<string> MemberNames => Replies.Select(r => r.By).Concat(Resonances).Distinct(StringComparer.Ordinal);

    public IEnumerable<string> TagSlugs => Drifts.Concat(Tensions).Concat(Symptoms).Concat(Safeguards);

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    /// <summary>Parses a file; throws <see cref="FormatException"/> with the reason when it is malformed.</summary>
    public static DemoCaseFile Parse(string text)
    {
        var normalised = text.ReplaceLineEndings("\n");
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal))
            throw new FormatException("The file does not start with a --- front matter block.");
        var end = normalised.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0) throw new FormatException("The front matter block is not closed by a --- line.");
        var file = Yaml.Deserialize<DemoCaseFile>(normalised[4..end]) ?? throw new FormatException("Empty front matter.");
        file.Body = normalised[(end + 5)..].Trim() + "\n";
        if (string.IsNullOrWhiteSpace(file.DemoId) || string.IsNullOrWhiteSpace(file.Title))
            throw new FormatException("demo-id and title are required.");
        return file;
    }
}

public sealed class DemoFollowUp
{
    public DateTime Date { get; set; }
    public FollowUpStatus Status { get; set; }
    public string Body { get; set; } = "";
}

public sealed class DemoReply
{
    public string By { get; set; } = "";
    public DateTime Date { get; set; }
    public string Body { get; set; } = "";
}
