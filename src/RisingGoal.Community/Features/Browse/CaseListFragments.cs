using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using RisingGoal.Community.Features.Notifications;

namespace RisingGoal.Community.Features.Browse;

/// <summary>
/// The key under which a list's rendered rows are kept (<c>&lt;cache&gt;</c> in <c>_CaseRows.cshtml</c>), so that a
/// member's list costs their marks and one lookup, not a Razor rendering of every row (issue 19, item 1).
/// <para>
/// A list is named by the identity of its rows object: the shared read cache (<c>CaseReadCache</c>) hands the same
/// immutable object to every reader of a kind until a write or its lifetime replaces it, so a new list is a new key and
/// nothing written since can be served from an old fragment. A rows object seen for the first time is not kept (lists
/// made for one request, such as a member's saved cases, would only fill the cache).
/// </para>
/// <para>
/// The reader's own marks are part of the key, as data, never their identity: two members whose marks on a list are the
/// same share the same HTML, which is exactly what each of them should see; different marks, different entries.
/// </para>
/// </summary>
public static class CaseListFragments
{
    private sealed class Sighting(long id)
    {
        public long Id { get; } = id;
        public int Count;
    }

    private static readonly ConditionalWeakTable<IReadOnlyList<CaseRow>, Sighting> Seen = new();
    private static long _next;

    /// <summary>The fragment key, or null when these rows should be rendered without the cache.</summary>
    public static string? Key(IReadOnlyList<CaseRow> rows, IReadOnlyDictionary<int, RowMark>? marks)
    {
        var sighting = Seen.GetValue(rows, _ => new Sighting(Interlocked.Increment(ref _next)));
        if (Volatile.Read(ref sighting.Count) < 2 && Interlocked.Increment(ref sighting.Count) < 2) return null;
        return "rows:" + sighting.Id.ToString(CultureInfo.InvariantCulture) + MarksKey(rows, marks);
    }

    /// <summary>
    /// The reader's marks on these rows as data (empty when they have none): part of a key, never their identity, so
    /// members with the same marks share the same HTML.
    /// </summary>
    public static string MarksKey(IReadOnlyList<CaseRow> rows, IReadOnlyDictionary<int, RowMark>? marks)
    {
        if (marks is null) return "";
        // Numbers formatted into the builder, not as strings of their own (one per row was 4 % of a member list's allocations).
        var key = new StringBuilder(rows.Count * 8);
        foreach (var row in rows)
        {
            if (!marks.TryGetValue(row.Id, out var mark) || (!mark.IsNew && mark.NewReplies == 0)) continue;
            key.Append(CultureInfo.InvariantCulture, $";{row.Id}");
            if (mark.IsNew) key.Append('n');
            if (mark.NewReplies > 0) key.Append(CultureInfo.InvariantCulture, $"+{mark.NewReplies}");
        }
        return key.ToString();
    }
}
