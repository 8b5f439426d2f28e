namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Which page numbers a pager shows: the first, the last, and the current one with <see cref="Radius"/> on each side;
/// a gap between them is an ellipsis (null), unless it hides a single page, which is then shown instead (an ellipsis
/// standing for one number saves nothing). So a 20-page discussion shows at most 9 entries, never 20.
/// </summary>
public static class PageWindow
{
    public const int Radius = 2;

    /// <summary>The entries in order: page numbers, and null where pages are left out.</summary>
    public static IReadOnlyList<int?> Of(int current, int count)
    {
        if (count <= 1) return [1];
        current = Math.Clamp(current, 1, count);
        var shown = new SortedSet<int> { 1, count };
        for (var n = Math.Max(1, current - Radius); n <= Math.Min(count, current + Radius); n++) shown.Add(n);

        var entries = new List<int?>(shown.Count + 2);
        var previous = 0;
        foreach (var n in shown)
        {
            if (n - previous == 2) entries.Add(n - 1);       // one page left out: show it
            else if (n - previous > 2) entries.Add(null);    // several: an ellipsis
            entries.Add(n);
            previous = n;
        }
        return entries;
    }
}
