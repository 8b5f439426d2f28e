namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// Drift types (rows) × tensions (columns) with the number of cases the reader can see in each cell, and per tag the
/// number of such cases carrying it (a case with two drift types counts once under its tension, not once per cell).
/// </summary>
public sealed record Matrix(IReadOnlyList<TagChip> Drifts, IReadOnlyList<TagChip> Tensions,
    IReadOnlyDictionary<(int Drift, int Tension), int> Counts, IReadOnlyDictionary<int, int> Totals)
{
    public int Count(TagChip drift, TagChip tension) => Counts.GetValueOrDefault((drift.Id, tension.Id));

    /// <summary>Cases carrying the tag, each once.</summary>
    public int Total(TagChip tag) => Totals.GetValueOrDefault(tag.Id);

    private int Max => Counts.Count == 0 ? 0 : Counts.Values.Max();

    /// <summary>CSS class of a cell: empty, then thirds of the busiest cell.</summary>
    public string Shade(int count)
    {
        if (count <= 0) return "heat-0";
        var ratio = (double)count / Math.Max(Max, 1);
        return ratio <= 1.0 / 3 ? "heat-low" : ratio <= 2.0 / 3 ? "heat-mid" : "heat-high";
    }
}
