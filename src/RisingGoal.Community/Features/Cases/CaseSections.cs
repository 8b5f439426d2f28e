using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace RisingGoal.Community.Features.Cases;

/// <summary>
/// The body of a case as the composer shows it: one field per section. The stored Markdown stays what it always was,
/// the sections under their "## " headings, so rendering and existing cases are unchanged.
/// </summary>
public sealed class CaseSections
{
    /// <summary>Text found outside the known sections (before the first heading, or a body without headings): kept as it is.</summary>
    [DataType(DataType.MultilineText)] public string? Other { get; set; }
    [DataType(DataType.MultilineText)] public string? Context { get; set; }
    [DataType(DataType.MultilineText)] public string? Healthy { get; set; }
    [DataType(DataType.MultilineText)] public string? Drifted { get; set; }
    [DataType(DataType.MultilineText)] public string? Tried { get; set; }
    [DataType(DataType.MultilineText)] public string? Learned { get; set; }

    /// <summary>"fr" or "en": the language of the headings, so an existing case keeps its own whatever the reader's language.</summary>
    public string? Language { get; set; }

    /// <summary>The sections in their order: key, English heading (the localisation key), French heading.</summary>
    public static readonly IReadOnlyList<(string Key, string English, string French)> Known =
    [
        (nameof(Context), "Context", "Contexte"),
        (nameof(Healthy), "What looked healthy", "Ce qui semblait sain"),
        (nameof(Drifted), "What drifted", "Ce qui a dérivé"),
        (nameof(Tried), "What we tried", "Ce que nous avons essayé"),
        (nameof(Learned), "What we learned", "Ce que nous avons appris"),
    ];

    public string? this[string key]
    {
        get => key switch
        {
            nameof(Other) => Other, nameof(Context) => Context, nameof(Healthy) => Healthy, nameof(Drifted) => Drifted,
            nameof(Tried) => Tried, nameof(Learned) => Learned, _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        set
        {
            switch (key)
            {
                case nameof(Other): Other = value; break;
                case nameof(Context): Context = value; break;
                case nameof(Healthy): Healthy = value; break;
                case nameof(Drifted): Drifted = value; break;
                case nameof(Tried): Tried = value; break;
                case nameof(Learned): Learned = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(key));
            }
        }
    }

    /// <summary>Every field key, "Other" first, in the order of the stored text.</summary>
    public static IEnumerable<string> Keys => Known.Select(k => k.Key).Prepend(nameof(Other));

    /// <summary>
    /// The stored Markdown: the text outside the sections first, then each non-empty section under its heading.
    /// A body without any section text is the "other" text alone, byte for byte.
    /// </summary>
    public string Join()
    {
        var french = (Language ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) != "en";
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Other)) parts.Add(Other.Trim('\r', '\n'));
        foreach (var (key, english, fr) in Known)
        {
            var text = this[key];
            if (string.IsNullOrWhiteSpace(text)) continue;
            parts.Add($"## {(french ? fr : english)}\n\n{text.Trim('\r', '\n')}");
        }
        if (parts.Count == 1 && !string.IsNullOrWhiteSpace(Other)) return Other;
        return string.Join("\n\n", parts);
    }

    /// <summary>
    /// Splits stored Markdown back into the sections. A line "## heading" (French or English, any case) opens its
    /// section; a heading seen a second time, any other heading and text before the first known heading stay as text
    /// (in the section they follow, or in <see cref="Other"/>): nothing is lost.
    /// </summary>
    public static CaseSections Split(string? markdown)
    {
        var sections = new CaseSections();
        if (string.IsNullOrEmpty(markdown)) return sections;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var buffers = Keys.ToDictionary(k => k, _ => new StringBuilder());
        var current = nameof(Other);
        var opened = new HashSet<string>();
        foreach (var line in lines)
        {
            if (HeadingOf(line) is { } found && opened.Add(found.Key))
            {
                current = found.Key;
                sections.Language ??= found.Language;
                continue;
            }
            buffers[current].Append(line).Append('\n');
        }
        if (opened.Count == 0)
        {
            sections.Other = markdown;   // no section: the text as it was typed
            return sections;
        }
        foreach (var key in Keys)
        {
            var text = buffers[key].ToString().Trim('\n');
            sections[key] = text.Length == 0 ? null : text;
        }
        return sections;
    }

    /// <summary>The known section a Markdown line opens (a level-2 ATX heading with its French or English title), else null.</summary>
    private static (string Key, string Language)? HeadingOf(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith("## ", StringComparison.Ordinal)) return null;
        var title = trimmed[3..].Trim().TrimEnd('#').Trim();
        foreach (var (key, english, french) in Known)
        {
            if (string.Equals(title, french, StringComparison.OrdinalIgnoreCase)) return (key, "fr");
            if (string.Equals(title, english, StringComparison.OrdinalIgnoreCase)) return (key, "en");
        }
        return null;
    }

    /// <summary>Sum of the lengths: checked against the body's limit before joining costs anything.</summary>
    public int Length => Keys.Sum(k => this[k]?.Length ?? 0);
}
