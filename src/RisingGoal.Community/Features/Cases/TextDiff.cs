using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace RisingGoal.Community.Features.Cases;

public enum DiffLineKind { Same = 0, Added = 1, Removed = 2 }

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>Line diff between two versions of a case (rendered by the view as encoded text in ins/del).</summary>
public static class TextDiff
{
    private static readonly InlineDiffBuilder Builder = new(new Differ());

    public static IReadOnlyList<DiffLine> Lines(string before, string after) =>
        Builder.BuildDiffModel(before, after, ignoreWhitespace: false).Lines
            .Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new DiffLine(l.Type switch
            {
                ChangeType.Inserted => DiffLineKind.Added,
                ChangeType.Deleted => DiffLineKind.Removed,
                _ => DiffLineKind.Same,
            }, l.Text ?? ""))
            .ToList();

    public static string Document(string title, string summary, string body, string? outcome, string? openQuestion) =>
        $"# {title}\n\n{summary}\n\n{body}\n\n{outcome}\n\n{openQuestion}".TrimEnd();
}
