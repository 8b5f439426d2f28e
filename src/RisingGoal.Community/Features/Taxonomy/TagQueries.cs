namespace RisingGoal.Community.Features.Taxonomy;

/// <summary>Shared reads of the taxonomy for other features (tag pages, case forms, filters).</summary>
public static class TagQueries
{
    /// <summary>Tags still present in content/ (retired tags stay in the database for the cases that use them).</summary>
    public static IQueryable<Tag> Active(this IQueryable<Tag> tags) => tags.Where(t => t.RetiredUtc == null);

    public static IQueryable<Tag> OfKind(this IQueryable<Tag> tags, TagKind kind) => tags.Where(t => t.Kind == kind);

    /// <summary>Editorial order: by kind, then the file's <c>order</c>, then slug as a stable tie-break.</summary>
    public static IOrderedQueryable<Tag> InDisplayOrder(this IQueryable<Tag> tags) =>
        tags.OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).ThenBy(t => t.Slug);
}
